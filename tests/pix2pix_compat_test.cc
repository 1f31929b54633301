// The pix2pix generator against the tfjs reference (../shared/reference/out/pix2pix) on the
// synthetic ngf=4 and ngf=32 .pict files, ml5's math and the encoder-bias variant; repeated
// calls; other sizes; and .pict files that lie. Skips loudly when ../shared is absent.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "core/thread_pool.h"
#include "image/pixels.h"
#include "models/pix2pix.h"
#include "pix2pix/pict.h"
#include "test_files.h"

namespace ml5 {
namespace {

using testing::kShared;
using testing::ReadFile;

const std::string kModels = kShared + "/ml5-models/pix2pix/";
const std::string kReference = kShared + "/reference/out/pix2pix/";

struct Compared {
  double max_float_delta = 0;
  size_t bytes_off = 0, bytes_off_more_than_one = 0;
};

class Pix2PixReference : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!ReadFile(kReference + "input_procedural.rgba.u8", &procedural_)) {
      GTEST_SKIP() << "SKIPPED: " << kReference << " is absent (../shared is only on CI and dev "
                   << "machines); the pix2pix compatibility test did not run";
    }
    ASSERT_TRUE(ReadFile(kReference + "input_ml5example.rgba.u8", &example_));
  }

  Pix2Pix Load(const std::string& name, bool encoder_bias) {
    std::string bytes;
    EXPECT_TRUE(ReadFile(kModels + name + ".pict", &bytes));
    StatusOr<PictFile> pict = PictFile::Parse(bytes, name + ".pict");
    EXPECT_TRUE(pict.ok()) << pict.status().message();
    EXPECT_EQ(pict->size(), 88u);  // moving statistics included, as the format has them
    ThreadPool pool(2);            // the convolutions are created in parallel
    StatusOr<Pix2Pix> model = Pix2Pix::Create(*pict, {encoder_bias}, name + ".pict", pool);
    EXPECT_TRUE(model.ok()) << model.status().message();
    return std::move(*model);
  }

  StatusOr<TensorView> Run(Pix2Pix& model, const std::string& rgba, ThreadPool& pool) {
    ML5_ASSIGN_OR_RETURN(input_, Tensor::Create({1, 256, 256, 3}));
    ML5_RETURN_IF_ERROR(RgbaToSigned(reinterpret_cast<const uint8_t*>(rgba.data()), input_.view()));
    return model.Run(input_.view(), pool);
  }

  Compared Compare(const TensorView& out, const std::string& case_name, const char* suffix) {
    Compared c;
    std::string floats, bytes;
    EXPECT_TRUE(ReadFile(kReference + case_name + suffix, &floats)) << case_name << suffix;
    const float* expected = reinterpret_cast<const float*>(floats.data());
    for (size_t i = 0; i < out.shape().elements(); ++i)
      c.max_float_delta =
          std::max(c.max_float_delta, double(std::fabs(out.data()[i] - expected[i])));
    if (std::string(suffix) == ".output.f32") {
      EXPECT_TRUE(ReadFile(kReference + case_name + ".output.rgba.u8", &bytes));
      std::vector<uint8_t> rgba(256 * 256 * 4);
      EXPECT_TRUE(ToRgbaFloor256(out, 0, rgba.data()).ok());
      for (size_t i = 0; i < rgba.size(); ++i) {
        int d = std::abs(int(rgba[i]) - int(uint8_t(bytes[i])));
        c.bytes_off += d != 0;
        c.bytes_off_more_than_one += d > 1;
      }
    }
    return c;
  }

  std::string procedural_, example_;
  Tensor input_;
};

TEST_F(Pix2PixReference, MatchesTfjsOnBothModelsAndInputs) {
  ThreadPool pool(2);
  for (const char* model_name : {"synthetic_ngf4", "synthetic_ngf32"}) {
    Pix2Pix model = Load(model_name, false);
    for (const auto& [input_name, rgba] :
         {std::pair{"procedural", &procedural_}, std::pair{"ml5example", &example_}}) {
      const std::string name = std::string(model_name) + "__" + input_name;
      StatusOr<TensorView> out = Run(model, *rgba, pool);
      ASSERT_TRUE(out.ok()) << out.status().message();
      Compared c = Compare(*out, name, ".output.f32");
      std::printf("[ pix2pix compat ] %-32s max |float delta| %.2g, RGBA bytes off: %zu of %d\n",
                  name.c_str(), c.max_float_delta, c.bytes_off, 256 * 256 * 4);
      EXPECT_LE(c.max_float_delta, 1e-4) << name;
      EXPECT_EQ(c.bytes_off_more_than_one, 0u) << name;
      EXPECT_LE(c.bytes_off, 256u * 256 * 4 / 1000) << name;  // at most 0.1%
    }
  }
}

TEST_F(Pix2PixReference, EncoderBiasVariantMatchesTheOriginalMath) {
  ThreadPool pool(1);
  Pix2Pix model = Load("synthetic_ngf4", true);
  for (const char* input_name : {"procedural", "ml5example"}) {
    StatusOr<TensorView> out = Run(model, input_name[0] == 'p' ? procedural_ : example_, pool);
    ASSERT_TRUE(out.ok());
    Compared c = Compare(*out, std::string("synthetic_ngf4__") + input_name,
                         ".output_with_encoder_bias.f32");
    EXPECT_LE(c.max_float_delta, 1e-4) << input_name;
  }
}

TEST_F(Pix2PixReference, TheSecondAndHundredthCallGiveTheSameImage) {
  ThreadPool pool(2);
  Pix2Pix model = Load("synthetic_ngf4", false);
  StatusOr<TensorView> first = Run(model, example_, pool);
  ASSERT_TRUE(first.ok());
  std::vector<float> reference(first->data(), first->data() + first->shape().elements());
  for (int call = 2; call <= 100; ++call) {
    StatusOr<TensorView> again = Run(model, call % 2 ? procedural_ : example_, pool);
    ASSERT_TRUE(again.ok());
    if (call == 2 || call == 100) {
      EXPECT_EQ(std::memcmp(again->data(), reference.data(), reference.size() * 4), 0) << call;
    }
  }
}

TEST_F(Pix2PixReference, RunsOnLargerSizesAndRefusesOthers) {
  ThreadPool pool(2);
  Pix2Pix model = Load("synthetic_ngf4", false);
  StatusOr<Tensor> wide = Tensor::Create({1, 256, 512, 3});
  ASSERT_TRUE(wide.ok());
  StatusOr<TensorView> out = model.Run(wide->view(), pool);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(out->shape(), (Shape{1, 256, 512, 3}));
  StatusOr<Tensor> odd = Tensor::Create({1, 300, 200, 3});
  StatusOr<TensorView> refused = model.Run(odd->view(), pool);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("multiples of 256"), std::string::npos);
  // Back to 256 after other sizes: buffers and the cached bottleneck are rebuilt.
  StatusOr<TensorView> again = Run(model, example_, pool);
  ASSERT_TRUE(again.ok());
  EXPECT_LE(Compare(*again, "synthetic_ngf4__ml5example", ".output.f32").max_float_delta, 1e-4);
}

// .pict files that lie: each is refused with its own message before anything large is allocated.
std::string Part(const std::string& payload) {
  uint32_t n = payload.size();
  std::string prefix = {char(n >> 24), char(n >> 16), char(n >> 8), char(n)};
  return prefix + payload;
}

std::string PictError(const std::string& bytes) {
  StatusOr<PictFile> pict = PictFile::Parse(bytes, "m.pict");
  EXPECT_FALSE(pict.ok());
  return pict.ok() ? "" : pict.status().message();
}

TEST(PictFile, DecodesEachEntryThroughTheIndexOnDemand) {
  std::string index(1024, '\0');
  for (int i = 0; i < 256; ++i) {
    const float v = 0.5f * i - 3;
    std::memcpy(&index[4 * i], &v, 4);
  }
  const std::string shapes = R"([{"name": "a", "shape": [2, 2]}, {"name": "b", "shape": [3]}])";
  const std::string bytes = Part(shapes) + Part(index) + Part(std::string("\0\1\2\xff\7\6\5", 7));
  StatusOr<PictFile> pict = PictFile::Parse(bytes, "m.pict");
  ASSERT_TRUE(pict.ok()) << pict.status().message();
  EXPECT_EQ(pict->size(), 2u);
  ASSERT_NE(pict->Shape("b"), nullptr);
  EXPECT_EQ(*pict->Shape("b"), (std::vector<int64_t>{3}));
  EXPECT_EQ(*pict->Read("a"), (std::vector<float>{-3, -2.5f, -2, 124.5f}));
  EXPECT_EQ(*pict->Read("b"), (std::vector<float>{0.5f, 0, -0.5f}));
  const std::string twice = R"([{"name": "a", "shape": [1]}, {"name": "a", "shape": [1]}])";
  EXPECT_NE(PictError(Part(twice) + Part(index) + Part("12")).find("entry 'a' appears twice"),
            std::string::npos);
}

TEST(PictErrors, EachKindOfDamageHasItsMessage) {
  const std::string shapes = R"([{"name": "a", "shape": [2, 3]}])";
  const std::string index(1024, '\0');
  EXPECT_NE(PictError("").find("truncated before the shape list"), std::string::npos);
  EXPECT_NE(PictError(Part(shapes)).find("truncated before the quantization index"),
            std::string::npos);
  EXPECT_NE(PictError(Part(shapes) + Part(index) + std::string("\0\0\0\x09", 4) + "123")
                .find("claims 9 bytes but only 3 remain"),
            std::string::npos);
  EXPECT_NE(PictError(Part("not json") + Part(index) + Part("")).find("not valid JSON"),
            std::string::npos);
  EXPECT_NE(PictError(Part(shapes) + Part(index.substr(8)) + Part("123456"))
                .find("index has 1016 bytes, expected 1024"),
            std::string::npos);
  EXPECT_NE(PictError(Part(shapes) + Part(index) + Part("12345"))
                .find("encoded part has 5 bytes, but the shapes need 6"),
            std::string::npos);
  EXPECT_NE(PictError(Part(R"([{"name": "a", "shape": [0, 3]}])") + Part(index) + Part(""))
                .find("dimensions must be positive"),
            std::string::npos);
  EXPECT_NE(PictError(Part(R"([{"name": "a", "shape": [100000, 100000, 100000]}])") + Part(index) +
                      Part(""))
                .find("exceeds the limit"),
            std::string::npos);
  std::string nan_index = index;
  float nan = NAN;
  std::memcpy(&nan_index[4], &nan, 4);
  EXPECT_NE(PictError(Part(shapes) + Part(nan_index) + Part("123456")).find("NaN"),
            std::string::npos);
  const std::string valid = Part(shapes) + Part(index) + Part("123456");
  StatusOr<PictFile> ok = PictFile::Parse(valid, "m.pict");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->Shape("missing"), nullptr);
  EXPECT_NE(ok->Read("missing").status().message().find("entry 'missing' is missing"),
            std::string::npos);
  ThreadPool pool(1);
  StatusOr<Pix2Pix> not_unet = Pix2Pix::Create(*ok, {}, "m.pict", pool);
  ASSERT_FALSE(not_unet.ok());
  EXPECT_NE(not_unet.status().message().find("is this a pix2pix .pict file?"), std::string::npos);
}

}  // namespace
}  // namespace ml5
