// How much smaller could a .pict's kernels be stored? Requantizes every kernel of a model in
// memory (k-means codebooks of 2^bits levels per tensor or per output channel, or linear steps
// per output channel; biases and norm entries kept) and reports each scheme's PSNR against the
// file as it is, on the given images (PNG or JPEG):
//   ml5_codebook_fidelity <model.pict> <image>...
// One JSON line per scheme. A .pict holds 8 bits per weight already (ml5's 256-level table).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "bench_util.h"
#include "core/thread_pool.h"
#include "image/decode.h"
#include "models/pix2pix_transfer.h"
#include "pix2pix/compact_pict.h"
#include "pix2pix/pict.h"

namespace {

using ml5::bench::Check;
using ml5::bench::ReadFile;

using ml5::StatusOr;

// Each value moved to its nearest k-means level (what the compact .pict stores per tensor).
void KMeans(std::vector<float>& values, size_t levels) {
  const std::vector<float> table = ml5::KMeansLevels(values, levels);
  for (float& v : values) v = table[ml5::NearestLevel(table, v)];
}

// Symmetric linear steps: the largest magnitude maps to 2^(bits-1) - 1.
void Linear(std::vector<float>& values, int bits) {
  float largest = 0;
  for (float v : values) largest = std::max(largest, std::fabs(v));
  if (largest == 0) return;
  const float step = largest / static_cast<float>((1 << (bits - 1)) - 1);
  for (float& v : values) v = std::round(v / step) * step;
}

struct Scheme {
  const char* method;  // "kmeans" or "linear"
  bool per_channel;
  int bits;
};

// The .pict's entries, with every 4-D kernel requantized by `scheme`.
class RequantizedPict : public ml5::WeightReader {
 public:
  RequantizedPict(const ml5::PictFile& pict, Scheme scheme) : pict_(pict), scheme_(scheme) {}
  const std::vector<int64_t>* Shape(const std::string& name) const override {
    return pict_.Shape(name);
  }
  std::string Attribute(const std::string& key) const override { return pict_.Attribute(key); }
  StatusOr<std::vector<float>> Read(const std::string& name) const override {
    ML5_ASSIGN_OR_RETURN(std::vector<float> values, pict_.Read(name));
    const std::vector<int64_t>& shape = *pict_.Shape(name);
    if (name.find("/kernel") == std::string::npos || shape.size() != 4) return values;
    // Output channels: a conv2d kernel is [h, w, in, out], a decoder's conv2d_transpose
    // [h, w, out, in].
    const bool transposed = name.find("decoder") != std::string::npos;
    const size_t taps = shape[0] * shape[1], a = shape[2], b = shape[3];
    const size_t outs = transposed ? a : b, ins = transposed ? b : a;
    if (!scheme_.per_channel) {
      Requantize(values);
      return values;
    }
    for (size_t o = 0; o < outs; ++o) {
      std::vector<size_t> where;
      for (size_t t = 0; t < taps; ++t)
        for (size_t i = 0; i < ins; ++i)
          where.push_back(transposed ? (t * a + o) * b + i : (t * a + i) * b + o);
      std::vector<float> channel;
      for (size_t k : where) channel.push_back(values[k]);
      Requantize(channel);
      for (size_t k = 0; k < where.size(); ++k) values[where[k]] = channel[k];
    }
    return values;
  }

 private:
  void Requantize(std::vector<float>& values) const {
    if (std::string(scheme_.method) == "kmeans") return KMeans(values, size_t{1} << scheme_.bits);
    Linear(values, scheme_.bits);
  }

  const ml5::PictFile& pict_;
  Scheme scheme_;
};

std::vector<std::vector<uint8_t>> Transfers(const ml5::WeightReader& weights,
                                            const std::string& file,
                                            const std::vector<ml5::DecodedImage>& images,
                                            ml5::ThreadPool& pool) {
  ml5::Pix2PixTransfer transfer(Check(ml5::Pix2Pix::Create(weights, {}, file, pool)));
  std::vector<std::vector<uint8_t>> outputs;
  for (const ml5::DecodedImage& image : images) {
    const ml5::TransferResult result =
        Check(transfer.Transfer(image.rgba.data(), image.width, image.height, {}, pool));
    outputs.emplace_back(result.rgba, result.rgba + image.width * image.height * 4);
  }
  return outputs;
}

double Psnr(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b) {
  double squares = 0, count = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (i % 4 == 3) continue;  // alpha is always 255
    squares += (double(a[i]) - b[i]) * (double(a[i]) - b[i]);
    count += 1;
  }
  return squares == 0 ? INFINITY : 10 * std::log10(255.0 * 255.0 * count / squares);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: ml5_codebook_fidelity <model.pict> <image>...\n");
    return 2;
  }
  const std::string file = argv[1];
  const std::string bytes = ReadFile(file);
  const ml5::PictFile pict = Check(ml5::PictFile::Parse(bytes, file));
  std::vector<ml5::DecodedImage> images;
  for (int i = 2; i < argc; ++i) images.push_back(Check(ml5::DecodeImage(ReadFile(argv[i]))));
  ml5::ThreadPool pool(1);
  const auto reference = Transfers(pict, file, images, pool);
  const Scheme schemes[] = {{"kmeans", false, 4}, {"kmeans", false, 5}, {"kmeans", false, 6},
                            {"kmeans", true, 4},  {"kmeans", true, 5},  {"kmeans", true, 6},
                            {"linear", true, 6},  {"linear", true, 8}};
  for (const Scheme& scheme : schemes) {
    const auto outputs = Transfers(RequantizedPict(pict, scheme), file, images, pool);
    std::printf("{\"scheme\": \"%s per %s\", \"bits\": %d, \"psnr_db\": [", scheme.method,
                scheme.per_channel ? "channel" : "tensor", scheme.bits);
    for (size_t i = 0; i < images.size(); ++i)
      std::printf("%s%.1f", i ? ", " : "", Psnr(outputs[i], reference[i]));
    std::printf("]}\n");
  }
  // The compact .pict as ml5-wasm compact writes it (codebooks per tensor, exact small entries),
  // read back from its bytes.
  for (int bits : {5, 6, 7}) {
    for (double exact_below : {0.0, 0.01, 0.04}) {
      const std::string compact = Check(ml5::WriteCompactPict(pict, {bits, exact_below}));
      const ml5::PictFile compact_pict = Check(ml5::PictFile::Parse(compact, "compact.pict"));
      const auto outputs = Transfers(compact_pict, file, images, pool);
      std::printf(
          "{\"scheme\": \"compact file\", \"bits\": %d, \"exact_below\": %.2f, "
          "\"size\": %.3f, \"psnr_db\": [",
          bits, exact_below, double(compact.size()) / bytes.size());
      for (size_t i = 0; i < images.size(); ++i)
        std::printf("%s%.1f", i ? ", " : "", Psnr(outputs[i], reference[i]));
      std::printf("]}\n");
    }
  }
  return 0;
}
