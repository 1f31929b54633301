// ml5's real quick_draw CVAE against the tfjs reference outputs in ../shared/reference/out/cvae:
// floats within 1e-5, RGBA bytes within 1. Skips loudly when ../shared is absent.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/thread_pool.h"
#include "fuzz/fuzz_parts.h"
#include "image/pixels.h"
#include "image/png.h"
#include "io/json.h"
#include "models/cvae.h"
#include "test_files.h"
#include "tfjs/model_json.h"

namespace ml5 {
namespace {

using testing::kShared;
using testing::ReadFile;

const std::string kModel = kShared + "/ml5-models/cvae/quick_draw";
const std::string kReference = kShared + "/reference/out/cvae";

class QuickDrawCvae : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string manifest_text, model_json, shard;
    if (!ReadFile(kModel + "/manifest.json", &manifest_text)) {
      GTEST_SKIP() << "SKIPPED: " << kModel << " is absent (../shared is only on CI and dev "
                   << "machines); the CVAE compatibility test did not run";
    }
    StatusOr<CvaeManifest> manifest = ParseCvaeManifest(manifest_text, "manifest.json");
    ASSERT_TRUE(manifest.ok()) << manifest.status().message();
    ASSERT_TRUE(ReadFile(kModel + "/" + manifest->model, &model_json));
    StatusOr<tfjs::ModelSpec> spec = tfjs::ParseModelJson(model_json, manifest->model);
    ASSERT_TRUE(spec.ok()) << spec.status().message();
    ASSERT_EQ(spec->ShardPaths(), std::vector<std::string>{"group1-shard1of1"});
    ASSERT_TRUE(ReadFile(kModel + "/models/group1-shard1of1", &shard));
    StatusOr<Cvae> cvae = Cvae::Load(*manifest, model_json, {shard}, manifest->model);
    ASSERT_TRUE(cvae.ok()) << cvae.status().message();
    cvae_.emplace(std::move(*cvae));
  }

  std::optional<Cvae> cvae_;
};

TEST_F(QuickDrawCvae, ReadsTheManifestAndTheOffsetLabelInput) {
  EXPECT_EQ(cvae_->labels().size(), 50u);
  EXPECT_EQ(cvae_->labels()[0], "airplane");
  EXPECT_EQ(cvae_->labels()[49], "knife");
  EXPECT_EQ(cvae_->latent_size(), 16u);
  EXPECT_EQ(cvae_->label_offset(), 1u);  // 51-wide label input for 50 labels
  EXPECT_EQ(cvae_->output_dims(), (Dims{28, 28, 1}));
}

TEST_F(QuickDrawCvae, MatchesTheTfjsReference) {
  ThreadPool pool(1);
  for (const char* id :
       {"airplane_seed12345", "octopus_seed12345b", "knife_seed12345c", "airplane_zeros"}) {
    std::string json_text, latent, output, raws;
    ASSERT_TRUE(ReadFile(kReference + "/" + std::string(id) + ".json", &json_text)) << id;
    ASSERT_TRUE(ReadFile(kReference + "/" + std::string(id) + ".latent.f32", &latent));
    ASSERT_TRUE(ReadFile(kReference + "/" + std::string(id) + ".output.f32", &output));
    ASSERT_TRUE(ReadFile(kReference + "/" + std::string(id) + ".raws.u8", &raws));
    StatusOr<Json> info = ParseJson(json_text, id);
    ASSERT_TRUE(info.ok());
    const std::string label = (*info)["label"].get<std::string>();
    std::vector<float> one_hot(cvae_->labels().size(), 0.0f);
    size_t index =
        std::find(cvae_->labels().begin(), cvae_->labels().end(), label) - cvae_->labels().begin();
    ASSERT_LT(index, one_hot.size());
    one_hot[index] = 1.0f;

    StatusOr<TensorView> image =
        cvae_->Generate(reinterpret_cast<const float*>(latent.data()), one_hot.data(), 1, pool);
    ASSERT_TRUE(image.ok()) << image.status().message();
    const float* expected = reinterpret_cast<const float*>(output.data());
    double worst = 0;
    for (size_t i = 0; i < 784; ++i)
      worst = std::max(worst, double(std::fabs(image->data()[i] - expected[i])));
    EXPECT_LE(worst, 1e-5) << id;

    std::vector<uint8_t> rgba(28 * 28 * 4);
    ASSERT_TRUE(ToRgbaRound255(*image, 0, rgba.data()).ok());
    int worst_byte = 0, differing = 0;
    for (size_t i = 0; i < rgba.size(); ++i) {
      int d = std::abs(int(rgba[i]) - int(uint8_t(raws[i])));
      worst_byte = std::max(worst_byte, d);
      differing += d != 0;
    }
    EXPECT_LE(worst_byte, 1) << id;
    std::printf("[ cvae compat ] %-20s max |float delta| %.2g, bytes off by 1: %d\n", id, worst,
                differing);

    StatusOr<std::vector<uint8_t>> png = EncodePng(rgba.data(), 28, 28);
    ASSERT_TRUE(png.ok());
    EXPECT_EQ(std::string(png->begin(), png->begin() + 8), "\x89PNG\r\n\x1a\n");
  }
}

// The shipped default model (no ../shared needed); its files are also the fuzzers' seeds.
TEST(DefaultCvae, LoadsAndGeneratesImagesInRange) {
  const std::string folder = std::string(ML5_SOURCE_DIR) + "/models/cvae-fashion-mnist/";
  std::string manifest_text, model_json, shard;
  ASSERT_TRUE(ReadFile(folder + "manifest.json", &manifest_text));
  StatusOr<CvaeManifest> manifest = ParseCvaeManifest(manifest_text, "manifest.json");
  ASSERT_TRUE(manifest.ok()) << manifest.status().message();
  ASSERT_TRUE(ReadFile(folder + manifest->model, &model_json));
  StatusOr<tfjs::ModelSpec> spec = tfjs::ParseModelJson(model_json, manifest->model);
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  ASSERT_EQ(spec->ShardPaths().size(), 1u);
  const std::string model_folder =
      folder + manifest->model.substr(0, manifest->model.rfind('/') + 1);
  ASSERT_TRUE(ReadFile(model_folder + spec->ShardPaths()[0], &shard));
  SaveFuzzSeed("cvae_manifest_fuzzer", {manifest_text});
  SaveFuzzSeed("cvae_model_fuzzer", {manifest_text, model_json, shard});
  SaveFuzzSeed("tfjs_model_fuzzer", {model_json, shard});
  StatusOr<Cvae> cvae = Cvae::Load(*manifest, model_json, {shard}, manifest->model);
  ASSERT_TRUE(cvae.ok()) << cvae.status().message();
  EXPECT_EQ(cvae->labels().size(), 10u);
  EXPECT_EQ(cvae->output_dims(), (Dims{28, 28, 1}));
  std::vector<float> latent(cvae->latent_size(), 0.5f), label(10, 0.0f);
  label[1] = 1;  // trouser
  ThreadPool pool(1);
  StatusOr<TensorView> image = cvae->Generate(latent.data(), label.data(), 1, pool);
  ASSERT_TRUE(image.ok()) << image.status().message();
  for (size_t i = 0; i < image->shape().elements(); ++i) {
    ASSERT_TRUE(image->data()[i] >= 0 && image->data()[i] <= 1);  // sigmoid output
  }
}

}  // namespace
}  // namespace ml5
