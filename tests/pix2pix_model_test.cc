// The U-Net for any ngf, on .pict files made here (no ../shared needed): every entry's shape
// comes from the ngf, the generator builds and runs, and its convolutions are created in
// parallel with the same result as serially. The files are also the fuzzers' seeds.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/thread_pool.h"
#include "fuzz/fuzz_parts.h"
#include "io/json.h"
#include "models/pix2pix.h"
#include "models/pix2pix_stream_load.h"
#include "pix2pix/compact_pict.h"
#include "pix2pix/pict.h"
#include "test_files.h"

namespace ml5 {
namespace {

std::string BigEndianPart(const std::string& payload) {
  const uint32_t n = payload.size();
  return std::string{char(n >> 24), char(n >> 16), char(n >> 8), char(n)} + payload;
}

// What a PyTorch U-Net converted by bin/convert-pytorch-pix2pix.py holds instead of ml5's.
struct PytorchUnet {
  int levels = 8;
  bool batch_norm = true;  // false: instance norm, no gamma or beta, every bias present
  Json metadata_entry;     // replaces the converter's, when not null
};

// A .pict for a U-Net of this ngf, in the exporter's layout, with seeded random codes; with
// `pytorch`, in the converter's layout (metadata, no moving statistics, biases only where
// instance norm puts them).
std::string MakePict(int64_t ngf, uint32_t seed, std::optional<PytorchUnet> pytorch = {}) {
  const int64_t width[9] = {0, 1, 2, 4, 8, 8, 8, 8, 8};
  const int levels = pytorch ? pytorch->levels : 8;
  Json shapes = Json::array();
  if (pytorch && !pytorch->metadata_entry.is_null()) {
    shapes.push_back(pytorch->metadata_entry);
  } else if (pytorch) {
    shapes.push_back({{"name", "__metadata__"},
                      {"shape", {0}},
                      {"metadata",
                       {{"network", "pytorch-unet"},
                        {"levels", std::to_string(levels)},
                        {"norm", pytorch->batch_norm ? "batch" : "instance"}}}});
  }
  size_t total = 0;
  auto add = [&](const std::string& name, std::vector<int64_t> shape) {
    size_t n = 1;
    for (int64_t d : shape) n *= d;
    total += n;
    shapes.push_back({{"name", name}, {"shape", shape}});
  };
  for (const char* part : {"decoder", "encoder"}) {  // sorted by name, as the exporter wrote
    for (int i = 1; i <= levels; ++i) {
      const std::string scope = "generator/" + std::string(part) + "_" + std::to_string(i);
      const bool encoder = part[0] == 'e';
      const int64_t e = width[i] * ngf, below = i == 1 ? 3 : width[i - 1] * ngf;
      const int64_t out = encoder ? e : below, in = encoder ? below : (i == levels ? e : 2 * e);
      const bool normed = i > 1 && !(pytorch && encoder && i == levels);
      if (normed && !pytorch) {
        for (const char* v : {"beta", "gamma", "moving_mean", "moving_variance"}) {
          add(scope + "/batch_normalization/" + v, {out});
        }
      } else if (normed && pytorch->batch_norm) {
        for (const char* v : {"beta", "gamma"}) add(scope + "/batch_normalization/" + v, {out});
      }
      // PyTorch's convolutions have a bias without batch norm, and the outermost decoder always.
      const bool bias = !pytorch || !pytorch->batch_norm || (!encoder && i == 1);
      if (encoder) {
        if (bias) add(scope + "/conv2d/bias", {out});
        add(scope + "/conv2d/kernel", {4, 4, in, out});
      } else {
        if (bias) add(scope + "/conv2d_transpose/bias", {out});
        add(scope + "/conv2d_transpose/kernel", {4, 4, out, in});
      }
    }
  }
  std::string index(1024, '\0');
  for (int i = 0; i < 256; ++i) {
    const float v = (i - 128) / 256.0f;
    std::memcpy(&index[4 * i], &v, 4);
  }
  std::mt19937 random(seed);
  std::string codes(total, '\0');
  for (char& c : codes) c = char(random() & 0xff);
  return BigEndianPart(shapes.dump()) + BigEndianPart(index) + BigEndianPart(codes);
}

// An ngf=2 file with encoder_2's kernel as [4, 4, 4, 2] instead of [4, 4, 2, 4]: same size,
// wrong layout. Empty if the entry is not where MakePict puts it.
std::string MakePictWithWrongEncoder2Kernel() {
  std::string bytes = MakePict(2, 1);
  const std::string entry = R"("name":"generator/encoder_2/conv2d/kernel","shape":[4,4,2,4])";
  const size_t at = bytes.find(entry);
  if (at == std::string::npos) return "";
  return bytes.replace(at + entry.size() - 4, 3, "4,2");
}

TEST(Pix2PixAnyNgf, BuildsAndRunsGeneratedFiles) {
  for (int64_t ngf : {1, 2, 3}) {
    const std::string bytes = MakePict(ngf, 7);
    SaveFuzzSeed("pict_fuzzer", {bytes});
    SaveFuzzSeed("pix2pix_model_fuzzer", {bytes});
    StatusOr<PictFile> pict = PictFile::Parse(bytes, "generated.pict");
    ASSERT_TRUE(pict.ok()) << pict.status().message();
    EXPECT_EQ(pict->size(), 88u);
    ThreadPool serial(1), parallel(2);
    StatusOr<Pix2Pix> a = Pix2Pix::Create(*pict, {}, "generated.pict", serial);
    StatusOr<Pix2Pix> b = Pix2Pix::Create(*pict, {}, "generated.pict", parallel);
    ASSERT_TRUE(a.ok() && b.ok()) << a.status().message() << b.status().message();
    EXPECT_EQ(a->ngf(), size_t(ngf));
    StatusOr<Tensor> input = Tensor::Create({1, 256, 256, 3});
    ASSERT_TRUE(input.ok());
    for (size_t i = 0; i < input->elements(); ++i) input->data()[i] = float(i % 97) / 48 - 1;
    StatusOr<TensorView> out_a = a->Run(input->view(), serial);
    ASSERT_TRUE(out_a.ok()) << out_a.status().message();
    std::vector<float> first(out_a->data(), out_a->data() + out_a->shape().elements());
    StatusOr<TensorView> out_b = b->Run(input->view(), serial);
    ASSERT_TRUE(out_b.ok()) << out_b.status().message();
    EXPECT_EQ(std::vector<float>(out_b->data(), out_b->data() + out_b->shape().elements()), first)
        << "ngf=" << ngf << ": parallel creation changed the result";
    for (float v : first) ASSERT_TRUE(v >= 0 && v <= 1) << v;  // (tanh + 1) / 2
  }
}

// Converted PyTorch U-Nets (unet_256, unet_128; batch and instance norm) build, run at
// multiples of their size unit and no other, and their bottleneck depends on the input (no norm
// after the innermost encoder, so nothing is cached).
TEST(Pix2PixPytorchUnet, BuildsAndRunsAtItsSizeUnit) {
  for (PytorchUnet unet :
       {PytorchUnet{8, true}, PytorchUnet{7, true}, PytorchUnet{7, false}, PytorchUnet{5, false}}) {
    const std::string bytes = MakePict(2, 3, unet);
    SaveFuzzSeed("pict_fuzzer", {bytes});
    SaveFuzzSeed("pix2pix_model_fuzzer", {bytes});
    StatusOr<PictFile> pict = PictFile::Parse(bytes, "converted.pict");
    ASSERT_TRUE(pict.ok()) << pict.status().message();
    EXPECT_EQ(pict->Attribute("network"), "pytorch-unet");
    EXPECT_EQ(pict->Attribute("absent"), "");
    ThreadPool pool(2);
    StatusOr<Pix2Pix> model = Pix2Pix::Create(*pict, {}, "converted.pict", pool);
    ASSERT_TRUE(model.ok()) << model.status().message();
    EXPECT_EQ(model->levels(), unet.levels);
    const size_t unit = size_t{1} << unet.levels;
    EXPECT_EQ(model->size_unit(), unit);
    for (size_t side : {unit, 2 * unit}) {
      std::vector<float> outputs[2];
      for (int k = 0; k < 2; ++k) {
        StatusOr<Tensor> input = Tensor::Create({1, side, side, 3});
        ASSERT_TRUE(input.ok());
        for (size_t i = 0; i < input->elements(); ++i)
          input->data()[i] = float((i + k) % 89) / 44 - 1;
        StatusOr<TensorView> out = model->Run(input->view(), pool);
        ASSERT_TRUE(out.ok()) << out.status().message();
        outputs[k].assign(out->data(), out->data() + out->shape().elements());
      }
      EXPECT_NE(outputs[0], outputs[1]) << "levels " << unet.levels << ": the input was ignored";
    }
    StatusOr<Tensor> odd = Tensor::Create({1, unit + unit / 2, unit, 3});
    ASSERT_TRUE(odd.ok());
    StatusOr<TensorView> refused = model->Run(odd->view(), pool);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.status().message().find("multiples of " + std::to_string(unit)),
              std::string::npos)
        << refused.status().message();
  }
}

TEST(Pix2PixPytorchUnet, BadMetadataIsNamed) {
  const Json strings = {{"network", "pytorch-unet"}, {"levels", "8"}, {"norm", "batch"}};
  auto entry = [](Json shape, Json metadata) {
    return Json{{"name", "__metadata__"}, {"shape", shape}, {"metadata", metadata}};
  };
  for (auto [metadata_entry, message] : std::vector<std::pair<Json, std::string>>{
           {entry({0}, {{"levels", 8}}), "entry '__metadata__' metadata 'levels'"},
           {entry({0}, Json::array()), "must be an object of strings"},
           {entry({2}, strings), "entry '__metadata__': shape must be [0]"},
       }) {
    const std::string bytes = MakePict(1, 3, PytorchUnet{8, true, metadata_entry});
    StatusOr<PictFile> pict = PictFile::Parse(bytes, "converted.pict");
    ASSERT_FALSE(pict.ok()) << metadata_entry.dump();
    EXPECT_NE(pict.status().message().find(message), std::string::npos) << pict.status().message();
  }
  // The file is fine; the network it names is not one this version runs.
  const std::string bytes =
      MakePict(1, 3, PytorchUnet{8, true, entry({0}, {{"network", "pytorch-resnet"}})});
  StatusOr<PictFile> pict = PictFile::Parse(bytes, "converted.pict");
  ASSERT_TRUE(pict.ok()) << pict.status().message();
  ThreadPool pool(1);
  StatusOr<Pix2Pix> model = Pix2Pix::Create(*pict, {}, "converted.pict", pool);
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.status().message().find("holds network 'pytorch-resnet'"), std::string::npos)
      << model.status().message();
}

TEST(Pix2PixAnyNgf, ShippedDefaultModelBuilds) {
  std::string bytes;
  ASSERT_TRUE(testing::ReadFile(std::string(ML5_SOURCE_DIR) + "/models/pix2pix-default/model.pict",
                                &bytes));
  StatusOr<PictFile> pict = PictFile::Parse(bytes, "model.pict");
  ASSERT_TRUE(pict.ok()) << pict.status().message();
  ThreadPool pool(2);
  StatusOr<Pix2Pix> model = Pix2Pix::Create(*pict, {}, "model.pict", pool);
  ASSERT_TRUE(model.ok()) << model.status().message();
  EXPECT_EQ(model->ngf(), 8u);
}

TEST(Pix2PixAnyNgf, AWrongShapeIsNamedWithTheNgf) {
  const std::string bytes = MakePictWithWrongEncoder2Kernel();
  ASSERT_FALSE(bytes.empty());
  StatusOr<PictFile> pict = PictFile::Parse(bytes, "mixed.pict");
  ASSERT_TRUE(pict.ok()) << pict.status().message();
  ThreadPool pool(1);
  StatusOr<Pix2Pix> model = Pix2Pix::Create(*pict, {}, "mixed.pict", pool);
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.status().message().find("'generator/encoder_2/conv2d/kernel' has shape "
                                          "[4, 4, 4, 2], expected [4, 4, 2, 4] for ngf=2"),
            std::string::npos)
      << model.status().message();
}

std::vector<float> RunOnce(Pix2Pix& model, ThreadPool& pool) {
  StatusOr<Tensor> input = Tensor::Create({1, 256, 256, 3});
  EXPECT_TRUE(input.ok());
  for (size_t i = 0; i < input->elements(); ++i) input->data()[i] = float(i % 89) / 44 - 1;
  StatusOr<TensorView> out = model.Run(input->view(), pool);
  EXPECT_TRUE(out.ok()) << out.status().message();
  return out.ok() ? std::vector<float>(out->data(), out->data() + out->shape().elements())
                  : std::vector<float>();
}

// Streams `bytes` into a buffer of its size in chunks of next_chunk() bytes, as a download fills
// it, and expects the model it makes to give the whole file's output. `packed` gets how many
// convolutions were packed after each chunk.
void ExpectStreamedModelIsTheWhole(const std::string& bytes,
                                   const std::function<size_t()>& next_chunk,
                                   std::vector<size_t>* packed) {
  StatusOr<PictFile> pict = PictFile::Parse(bytes, "whole.pict");
  ASSERT_TRUE(pict.ok()) << pict.status().message();
  ThreadPool pool(2);
  StatusOr<Pix2Pix> whole = Pix2Pix::Create(*pict, {}, "whole.pict", pool);
  ASSERT_TRUE(whole.ok()) << whole.status().message();
  std::string buffer(bytes.size(), '\xee');  // not arrived yet: garbage
  Pix2PixStreamLoad load(buffer, "streamed.pict", {});
  for (size_t at = 0; at < bytes.size();) {
    const size_t n = std::min(next_chunk(), bytes.size() - at);
    std::memcpy(&buffer[at], &bytes[at], n);
    at += n;
    ASSERT_TRUE(load.Arrived(at, pool).ok()) << "at " << at;
    packed->push_back(load.packed());
  }
  StatusOr<Pix2Pix> model = load.Finish(pool);
  ASSERT_TRUE(model.ok()) << model.status().message();
  EXPECT_EQ(RunOnce(*model, pool), RunOnce(*whole, pool));
}

// The file arrives in chunks of random sizes.
TEST(Pix2PixStreamLoad, PacksAsTheBytesArriveAndGivesTheSameModel) {
  const std::string bytes = MakePict(3, 11);
  std::mt19937 random(5);
  for (size_t max_chunk : {size_t{1} << 10, size_t{1} << 14, bytes.size()}) {
    SCOPED_TRACE("chunks up to " + std::to_string(max_chunk) + " bytes");
    std::vector<size_t> packed;
    ExpectStreamedModelIsTheWhole(
        bytes, [&] { return 1 + random() % max_chunk; }, &packed);
    ASSERT_FALSE(packed.empty());
    if (max_chunk < bytes.size()) {  // the decoders come first in the file: packed before the end
      EXPECT_GT(packed[packed.size() / 2], 0u) << "nothing packed halfway through the file";
      EXPECT_LT(packed[packed.size() / 2], 16u);
    }
    EXPECT_EQ(packed.back(), 16u);
  }
}

TEST(Pix2PixStreamLoad, ABadFileFailsAsSoonAsItsHeaderIsIn) {
  const std::string bytes = MakePictWithWrongEncoder2Kernel();
  ASSERT_FALSE(bytes.empty());
  std::string buffer(bytes.size(), '\0');
  Pix2PixStreamLoad load(buffer, "mixed.pict", {});
  ThreadPool pool(1);
  Status status;
  size_t at = 0;
  for (; at < bytes.size() && status.ok(); at += 4096) {
    const size_t n = std::min<size_t>(4096, bytes.size() - at);
    std::memcpy(&buffer[at], &bytes[at], n);
    status = load.Arrived(at + n, pool);
  }
  EXPECT_FALSE(status.ok());
  EXPECT_LT(at, bytes.size() / 2) << "the wrong shape was found only at the end";
  EXPECT_NE(status.message().find("'generator/encoder_2/conv2d/kernel' has shape [4, 4, 4, 2]"),
            std::string::npos)
      << status.message();

  // A file that ends inside its header: Finish() names what is missing.
  const std::string whole = MakePict(1, 2);
  std::string cut = whole.substr(0, 100);
  Pix2PixStreamLoad short_load(cut, "cut.pict", {});
  EXPECT_TRUE(short_load.Arrived(cut.size(), pool).ok());  // not enough to tell yet
  StatusOr<Pix2Pix> model = short_load.Finish(pool);
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.status().message().find("cut.pict: "), std::string::npos)
      << model.status().message();
  EXPECT_FALSE(short_load.Arrived(cut.size() + 1, pool).ok());
}

// The plain reference for UnpackCodes: one bit at a time, from each byte's lowest bit up.
std::vector<uint8_t> PackBitByBit(const std::vector<uint8_t>& codes, int bits) {
  std::vector<uint8_t> packed((codes.size() * bits + 7) / 8, 0);
  for (size_t i = 0; i < codes.size(); ++i) {
    for (int b = 0; b < bits; ++b) {
      const size_t at = i * bits + b;
      if (codes[i] >> b & 1) packed[at / 8] |= uint8_t(1 << (at % 8));
    }
  }
  return packed;
}

TEST(CompactPict, UnpacksEveryWidthAndCount) {
  std::mt19937 random(3);
  for (int bits = 1; bits <= 8; ++bits) {
    for (size_t count = 1; count <= 41; ++count) {
      std::vector<uint8_t> codes(count);
      for (uint8_t& c : codes) c = uint8_t(random() & ((1u << bits) - 1));
      const std::vector<uint8_t> packed = PackBitByBit(codes, bits);
      std::vector<uint8_t> unpacked(count, 0xee);
      UnpackCodes(packed.data(), bits, count, unpacked.data());
      ASSERT_EQ(unpacked, codes) << bits << " bits, " << count << " codes";
    }
  }
}

std::string Compact(const std::string& pict_bytes, int kernel_bits) {
  StatusOr<PictFile> pict = PictFile::Parse(pict_bytes, "in.pict");
  EXPECT_TRUE(pict.ok()) << pict.status().message();
  if (!pict.ok()) return "";
  StatusOr<std::string> compact = WriteCompactPict(*pict, {kernel_bits});
  EXPECT_TRUE(compact.ok()) << compact.status().message();
  return compact.ok() ? *compact : "";
}

// Each value of a large kernel moves to one of 2^bits levels, close to where it was; every other
// entry and the metadata stay exactly as they were.
TEST(CompactPict, KeepsEveryEntryAndClustersOnlyTheKernels) {
  const std::string bytes = MakePict(8, 3, PytorchUnet{});  // the default model's size
  const std::string compact_bytes = Compact(bytes, 6);
  StatusOr<PictFile> pict = PictFile::Parse(bytes, "in.pict");
  StatusOr<PictFile> compact = PictFile::Parse(compact_bytes, "in.compact.pict");
  ASSERT_TRUE(pict.ok() && compact.ok()) << compact.status().message();
  EXPECT_FALSE(pict->compact());
  EXPECT_TRUE(compact->compact());
  EXPECT_EQ(compact->names(), pict->names());
  EXPECT_EQ(compact->metadata(), pict->metadata());
  EXPECT_EQ(compact->Attribute("network"), "pytorch-unet");
  EXPECT_LT(compact_bytes.size(), bytes.size() * 0.78);
  size_t clustered = 0;
  for (const std::string& name : pict->names()) {
    EXPECT_EQ(*compact->Shape(name), *pict->Shape(name)) << name;
    StatusOr<std::vector<float>> a = pict->Read(name), b = compact->Read(name);
    ASSERT_TRUE(a.ok() && b.ok()) << name;
    if (pict->Shape(name)->size() != 4 || compact->Bits(name) == 32 || compact->Bits(name) == 8) {
      EXPECT_EQ(*b, *a) << name;  // small entries, and kernels under 1% of the weights
      continue;
    }
    EXPECT_EQ(compact->Bits(name), 6) << name;
    ++clustered;
    std::vector<float> levels = *b;
    std::sort(levels.begin(), levels.end());
    levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
    EXPECT_LE(levels.size(), 64u) << name;
    double squares = 0, range = (*a)[0];
    for (size_t i = 0; i < a->size(); ++i) {
      squares += ((*a)[i] - (*b)[i]) * ((*a)[i] - (*b)[i]);
      range = std::max(range, std::fabs(double((*a)[i])));
    }
    // MakePict's codes are uniform over 256 levels 1/256 apart: 64 clusters of 4 levels each
    // leave an RMS error of about 1.1/256.
    EXPECT_LT(std::sqrt(squares / a->size()), 1.5 / 256) << name;
  }
  EXPECT_GE(clustered, 10u) << "the larger kernels are clustered";
}

// A .pict's moving statistics, which the network never reads, are left out; small entries are
// stored as float32 values where a table would cost more.
TEST(CompactPict, LeavesOutTheMovingStatistics) {
  const std::string bytes = MakePict(1, 6), compact_bytes = Compact(bytes, 6);
  StatusOr<PictFile> pict = PictFile::Parse(bytes, "in.pict");
  StatusOr<PictFile> compact = PictFile::Parse(compact_bytes, "in.compact.pict");  // views them
  ASSERT_TRUE(pict.ok() && compact.ok()) << compact.status().message();
  EXPECT_EQ(pict->size(), 88u);
  EXPECT_EQ(compact->size(), 88u - 28u);
  EXPECT_EQ(compact->Shape("generator/encoder_2/batch_normalization/moving_mean"), nullptr);
  EXPECT_EQ(compact->Bits("generator/encoder_2/batch_normalization/gamma"), 32);
  ThreadPool pool(1);
  StatusOr<Pix2Pix> model = Pix2Pix::Create(*compact, {}, "in.compact.pict", pool);
  ASSERT_TRUE(model.ok()) << model.status().message();
}

// At 8 bits nothing is clustered: the same model, the same output, from fewer bytes when an entry
// has few values.
TEST(CompactPict, AtEightBitsGivesTheSameModel) {
  const std::string bytes = MakePict(2, 4);
  const std::string compact_bytes = Compact(bytes, 8);
  StatusOr<PictFile> pict = PictFile::Parse(bytes, "in.pict");
  StatusOr<PictFile> compact = PictFile::Parse(compact_bytes, "in.compact.pict");
  ASSERT_TRUE(pict.ok() && compact.ok()) << compact.status().message();
  ThreadPool pool(2);
  StatusOr<Pix2Pix> a = Pix2Pix::Create(*pict, {}, "in.pict", pool);
  StatusOr<Pix2Pix> b = Pix2Pix::Create(*compact, {}, "in.compact.pict", pool);
  ASSERT_TRUE(a.ok() && b.ok()) << b.status().message();
  EXPECT_EQ(RunOnce(*b, pool), RunOnce(*a, pool));
  // Compacting a compact file again changes nothing.
  EXPECT_EQ(Compact(compact_bytes, 8), compact_bytes);
}

TEST(CompactPict, StreamsAsItsBytesArrive) {
  const std::string bytes = Compact(MakePict(3, 12), 6);
  SaveFuzzSeed("pict_fuzzer", {bytes});
  SaveFuzzSeed("pix2pix_model_fuzzer", {bytes});
  std::vector<size_t> packed;
  ExpectStreamedModelIsTheWhole(
      bytes, [] { return size_t{3001}; }, &packed);  // splits codes
  ASSERT_FALSE(packed.empty());
  EXPECT_GT(packed[packed.size() / 2], 0u) << "nothing packed halfway through the file";
  EXPECT_LT(packed[packed.size() / 2], 16u);
  EXPECT_EQ(packed.back(), 16u);
}

TEST(CompactPict, EachKindOfDamageHasItsMessage) {
  const std::string bytes = Compact(MakePict(1, 5), 6);
  ASSERT_EQ(bytes.substr(0, 4), "ML5C");
  auto length_at = [&](size_t at) {
    const auto* p = reinterpret_cast<const uint8_t*>(&bytes[at]);
    return size_t{p[0]} << 24 | size_t{p[1]} << 16 | size_t{p[2]} << 8 | p[3];
  };
  const size_t tables_at = 8 + length_at(4), codes_at = tables_at + 4 + length_at(tables_at);
  const std::string shapes = bytes.substr(8, length_at(4));
  const std::string tables = bytes.substr(tables_at + 4, length_at(tables_at));
  const std::string codes = bytes.substr(codes_at + 4);
  ASSERT_EQ(codes.size(), length_at(codes_at));
  auto file = [](const std::string& s, const std::string& t, const std::string& c) {
    return "ML5C" + BigEndianPart(s) + BigEndianPart(t) + BigEndianPart(c);
  };
  ASSERT_EQ(file(shapes, tables, codes), bytes);
  auto error = [](const std::string& damaged) {
    StatusOr<PictFile> pict = PictFile::Parse(damaged, "m.compact.pict");
    return pict.ok() ? std::string("parsed") : pict.status().message();
  };
  auto with_shapes = [&](const std::string& from, const std::string& to) {
    std::string changed = shapes;
    changed.replace(changed.find(from), from.size(), to);
    return file(changed, tables, codes);
  };
  auto contains = [](const std::string& message, const std::string& part) {
    return message.find(part) != std::string::npos;
  };
  EXPECT_TRUE(contains(error(bytes.substr(0, 6)), "truncated before the shape list"));
  EXPECT_TRUE(contains(error(bytes.substr(0, tables_at + 10)), "the tables part claims"))
      << error(bytes.substr(0, tables_at + 10));
  std::string damaged = with_shapes("\"bits\":6", "\"bits\":9");
  EXPECT_TRUE(contains(error(damaged), "bits must be from 1 to 8, or 32")) << error(damaged);
  damaged = with_shapes("\"bits\":6", "\"bits\":5");
  EXPECT_TRUE(contains(error(damaged), "the tables have")) << error(damaged);
  damaged = with_shapes("\"bits\":6,", "");
  EXPECT_TRUE(contains(error(damaged), "missing \"bits\"")) << error(damaged);
  damaged = file(shapes, tables, codes.substr(1));
  EXPECT_TRUE(contains(error(damaged), "the encoded part has")) << error(damaged);
  // Float32 entries sit in the tables part, the file's header: NaN there fails the parse.
  const std::string first = PictFile::Parse(bytes, "m")->names()[0];
  ASSERT_EQ(PictFile::Parse(bytes, "m")->Bits(first), 32) << first;
  damaged = file(shapes, std::string(4, '\xff') + tables.substr(4), codes);
  EXPECT_TRUE(contains(error(damaged), "the tables hold NaN or infinity")) << error(damaged);
}

}  // namespace
}  // namespace ml5
