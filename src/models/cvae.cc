#include "models/cvae.h"

#include <algorithm>
#include <cstring>
#include <unordered_set>

#include "io/json.h"

namespace ml5 {

StatusOr<CvaeManifest> ParseCvaeManifest(std::string_view text, const std::string& file) {
  ML5_ASSIGN_OR_RETURN(Json root, ParseJson(text, file));
  CvaeManifest manifest;
  ML5_ASSIGN_OR_RETURN(const Json* model, JsonField(root, "model", file));
  ML5_ASSIGN_OR_RETURN(manifest.model, JsonString(*model, file + ": model"));
  if (manifest.model.empty()) return Status::Error(file + ": \"model\" is empty");
  ML5_ASSIGN_OR_RETURN(const Json* labels, JsonField(root, "labels", file));
  ML5_RETURN_IF_ERROR(JsonArray(*labels, file + ": labels").status());
  if (labels->empty()) return Status::Error(file + ": \"labels\" is empty");
  std::unordered_set<std::string> seen;  // linear: manifests may hold many labels
  for (const Json& label : *labels) {
    ML5_ASSIGN_OR_RETURN(std::string name, JsonString(label, file + ": labels"));
    if (!seen.insert(name).second) {
      return Status::Error(file + ": label '" + name + "' appears twice");
    }
    manifest.labels.push_back(std::move(name));
  }
  return manifest;
}

StatusOr<Cvae> Cvae::Load(CvaeManifest manifest, std::string_view model_json,
                          const std::vector<std::string_view>& shards,
                          const std::string& model_file, size_t max_weights) {
  ML5_ASSIGN_OR_RETURN(LayersGraph graph,
                       LayersGraph::Load(model_json, shards, model_file, max_weights));
  if (graph.input_count() != 2) {
    return Status::Error(model_file + ": a CVAE decoder has two inputs (latent, label), this has " +
                         std::to_string(graph.input_count()));
  }
  const size_t n = manifest.labels.size();
  auto width = [&](size_t i) -> int64_t {
    const Dims& d = graph.input_dims(i);
    return d.size() == 1 ? d[0] : -1;
  };
  auto fits = [&](size_t i) { return width(i) == int64_t(n) || width(i) == int64_t(n + 1); };
  size_t label = 0;
  if (fits(0) && fits(1)) {
    // Both widths fit: trust the names (training_CVAE calls it "label").
    label = graph.input_name(0).find("label") != std::string::npos ? 0 : 1;
  } else if (fits(0) || fits(1)) {
    label = fits(0) ? 0 : 1;
  } else {
    return Status::Error(model_file + ": the label input must be " + std::to_string(n) + " or " +
                         std::to_string(n + 1) + " wide for the manifest's " + std::to_string(n) +
                         " labels, but the inputs are " + DimsToString(graph.input_dims(0)) +
                         " and " + DimsToString(graph.input_dims(1)));
  }
  if (width(1 - label) <= 0) {
    return Status::Error(model_file + ": the latent input must be a vector, got " +
                         DimsToString(graph.input_dims(1 - label)));
  }
  const size_t latent_size = width(1 - label);
  const size_t label_offset = width(label) == int64_t(n + 1) ? 1 : 0;
  Cvae cvae(std::move(graph), std::move(manifest.labels));
  cvae.label_input_ = label;
  cvae.latent_input_ = 1 - label;
  cvae.latent_size_ = latent_size;
  cvae.label_offset_ = label_offset;
  return cvae;
}

StatusOr<TensorView> Cvae::Generate(const float* latents, const float* label_weights, size_t count,
                                    ThreadPool& pool) {
  ML5_ASSIGN_OR_RETURN(std::vector<TensorView> inputs, graph_.PrepareInputs(count));
  const TensorView& latent = inputs[latent_input_];
  const TensorView& label = inputs[label_input_];
  const size_t n = labels_.size(), label_width = label.shape().c;
  std::memcpy(latent.data(), latents, count * latent_size_ * sizeof(float));
  std::fill(label.data(), label.data() + count * label_width, 0.0f);
  for (size_t i = 0; i < count; ++i) {
    std::memcpy(label.data() + i * label_width + label_offset_, label_weights + i * n,
                n * sizeof(float));
  }
  return graph_.Run(pool);
}

}  // namespace ml5
