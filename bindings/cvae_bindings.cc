// CVAE bindings: ml5's manifest and the decoder (its tfjs files: layers_model_bindings.cc).
#include "bindings/js_values.h"
#include "core/thread_pool.h"
#include "image/pixels.h"
#include "models/cvae.h"

namespace ml5::js {
namespace {

val ParseCvaeManifest(const std::string& text, const std::string& file) {
  StatusOr<CvaeManifest> manifest = ml5::ParseCvaeManifest(text, file);
  if (!manifest.ok()) return ErrorValue(manifest.status());
  val result = val::object();
  result.set("model", manifest->model);
  result.set("labels", ArrayToJs(manifest->labels));
  return result;
}

// files: {manifest, manifestFile, modelJson, modelFile, shardSizes}; shards: the weight shards
// back to back, in ModelShardPaths() order.
val LoadCvae(const val& files, const HeapBytes& shards, size_t max_weights) {
  const std::string manifest_file = files["manifestFile"].as<std::string>();
  const std::string model_file = files["modelFile"].as<std::string>();
  StatusOr<CvaeManifest> manifest =
      ml5::ParseCvaeManifest(files["manifest"].as<std::string>(), manifest_file);
  if (!manifest.ok()) return ErrorValue(manifest.status());
  StatusOr<std::vector<std::string_view>> views = SplitShards(files["shardSizes"], shards, "cvae");
  if (!views.ok()) return ErrorValue(views.status());
  return ToJs(Cvae::Load(std::move(*manifest), files["modelJson"].as<std::string>(), *views,
                         model_file, max_weights));
}

val CvaeLabels(const Cvae& cvae) { return ArrayToJs(cvae.labels()); }
val CvaeOutputDims(const Cvae& cvae) { return DimsToJs(cvae.output_dims()); }

// -> {output: Float32Array (count*h*w*c), rgba: Uint8Array (count*h*w*4)}
val CvaeGenerate(Cvae& cvae, const val& latents, const val& label_weights, size_t count) {
  std::vector<float> z = FloatsFromJs(latents), labels = FloatsFromJs(label_weights);
  if (count == 0 || z.size() != count * cvae.latent_size() ||
      labels.size() != count * cvae.labels().size()) {
    return ErrorValue("cvae: expected " + std::to_string(count) + " x " +
                      std::to_string(cvae.latent_size()) + " latent values and " +
                      std::to_string(count) + " x " + std::to_string(cvae.labels().size()) +
                      " label weights");
  }
  StatusOr<TensorView> images = cvae.Generate(z.data(), labels.data(), count, ThreadPool::Shared());
  if (!images.ok()) return ErrorValue(images.status());
  const Shape& shape = images->shape();
  std::vector<uint8_t> rgba(shape.pixels() * 4);
  for (size_t i = 0; i < count; ++i) {
    Status status = ToRgbaRound255(*images, i, rgba.data() + i * shape.h * shape.w * 4);
    if (!status.ok()) return ErrorValue(status);
  }
  val result = val::object();
  result.set("output", CopyToJs(images->data(), shape.elements()));
  result.set("rgba", CopyToJs(rgba.data(), rgba.size()));
  return result;
}

}  // namespace

EMSCRIPTEN_BINDINGS(ml5_cvae) {
  using namespace emscripten;
  function("parseCvaeManifest", &ParseCvaeManifest);
  class_<Cvae>("Cvae")
      .class_function("load", &LoadCvae)
      .function("labels", &CvaeLabels)
      .function("latentSize", &Cvae::latent_size)
      .function("labelOffset", &Cvae::label_offset)
      .function("outputDims", &CvaeOutputDims)
      .function("generate", &CvaeGenerate);
}

}  // namespace ml5::js
