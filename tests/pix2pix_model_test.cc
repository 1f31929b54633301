// The U-Net for any ngf, on .pict files made here (no ../shared needed): every entry's shape
// comes from the ngf, the generator builds and runs, and its convolutions are created in
// parallel with the same result as serially. The files are also the fuzzers' seeds.
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "core/thread_pool.h"
#include "fuzz/fuzz_parts.h"
#include "io/json.h"
#include "models/pix2pix.h"
#include "pix2pix/pict.h"
#include "test_files.h"

namespace ml5 {
namespace {

std::string BigEndianPart(const std::string& payload) {
  const uint32_t n = payload.size();
  return std::string{char(n >> 24), char(n >> 16), char(n >> 8), char(n)} + payload;
}

// A .pict for a U-Net of this ngf, in the exporter's layout, with seeded random codes.
std::string MakePict(int64_t ngf, uint32_t seed) {
  const int64_t width[9] = {0, 1, 2, 4, 8, 8, 8, 8, 8};
  Json shapes = Json::array();
  size_t total = 0;
  auto add = [&](const std::string& name, std::vector<int64_t> shape) {
    size_t n = 1;
    for (int64_t d : shape) n *= d;
    total += n;
    shapes.push_back({{"name", name}, {"shape", shape}});
  };
  for (const char* part : {"decoder", "encoder"}) {  // sorted by name, as the exporter wrote
    for (int i = 1; i <= 8; ++i) {
      const std::string scope = "generator/" + std::string(part) + "_" + std::to_string(i);
      const bool encoder = part[0] == 'e';
      const int64_t e = width[i] * ngf, below = i == 1 ? 3 : width[i - 1] * ngf;
      const int64_t out = encoder ? e : below, in = encoder ? below : (i == 8 ? e : 2 * e);
      if (i > 1) {
        for (const char* v : {"beta", "gamma", "moving_mean", "moving_variance"}) {
          add(scope + "/batch_normalization/" + v, {out});
        }
      }
      if (encoder) {
        add(scope + "/conv2d/bias", {out});
        add(scope + "/conv2d/kernel", {4, 4, in, out});
      } else {
        add(scope + "/conv2d_transpose/bias", {out});
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
  // encoder_2's kernel as [4, 4, 4, 2] instead of [4, 4, 2, 4]: same size, wrong layout.
  std::string bytes = MakePict(2, 1);
  const std::string entry = R"("name":"generator/encoder_2/conv2d/kernel","shape":[4,4,2,4])";
  const size_t at = bytes.find(entry);
  ASSERT_NE(at, std::string::npos);
  bytes.replace(at + entry.size() - 4, 3, "4,2");
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

}  // namespace
}  // namespace ml5
