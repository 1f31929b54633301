// ml5's CVAE: a tfjs Layers decoder (latent, one-hot label) -> image, with ml5's manifest.
// The label input is labels.size() wide, or labels.size() + 1 with the one-hot at index + 1
// (ml5's shipped quick_draw model, whose class 0 was padding); see docs/formats.md 2.3.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "graph/layers_graph.h"
#include "tfjs/weights.h"

namespace ml5 {

struct CvaeManifest {
  std::string model;  // model.json, relative to the manifest
  std::vector<std::string> labels;
};

StatusOr<CvaeManifest> ParseCvaeManifest(std::string_view text, const std::string& file);

class Cvae {
 public:
  // `shards` hold the weight files in tfjs::ModelSpec::ShardPaths() order. Models of more than
  // `max_weights` weights are refused before their weights are decoded.
  static StatusOr<Cvae> Load(CvaeManifest manifest, std::string_view model_json,
                             const std::vector<std::string_view>& shards,
                             const std::string& model_file,
                             size_t max_weights = tfjs::kDefaultMaxWeights);

  const std::vector<std::string>& labels() const { return labels_; }
  size_t latent_size() const { return latent_size_; }
  size_t label_offset() const { return label_offset_; }
  const Dims& output_dims() const { return graph_.output_dims(); }

  // Decodes `count` images. `latents` holds count * latent_size() floats; `label_weights` holds
  // count * labels().size() floats (a one-hot, or a mixture when interpolating), which are
  // placed at label_offset() in the model's label input.
  StatusOr<TensorView> Generate(const float* latents, const float* label_weights, size_t count,
                                ThreadPool& pool);

 private:
  Cvae(LayersGraph graph, std::vector<std::string> labels)
      : graph_(std::move(graph)), labels_(std::move(labels)) {}

  LayersGraph graph_;
  std::vector<std::string> labels_;
  size_t latent_input_ = 0;
  size_t label_input_ = 1;
  size_t latent_size_ = 0;
  size_t label_offset_ = 0;
};

}  // namespace ml5
