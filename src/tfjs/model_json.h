// A tfjs Layers model.json: the Keras topology and the weights manifest. Both the old converter
// format ({modelTopology: {model_config: {...}}, weightsManifest}, Keras 2.x) and the current one
// ({format: "layers-model", modelTopology: {class_name, config}, weightsManifest}) are read.
// Sequential blocks inside a functional model are flattened into their layers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "io/json.h"

namespace ml5::tfjs {

struct LayerSpec {
  std::string name;
  std::string class_name;
  Json config;
  std::vector<std::string> inbound;  // producing layers, in order (one node per layer)
};

struct Quantization {
  std::string dtype;  // "uint8" or "uint16" (value = q * scale + min), or "float16"
  double scale = 1.0;
  double min = 0.0;
};

struct WeightSpec {
  std::string name;
  std::vector<int64_t> shape;
  std::string dtype;  // "float32"
  std::optional<Quantization> quantization;
};

struct WeightGroup {
  std::vector<std::string> paths;  // shard files, relative to model.json, concatenated in order
  std::vector<WeightSpec> weights;
};

struct ModelSpec {
  std::string file;  // the model.json's name, for messages
  std::vector<LayerSpec> layers;
  std::vector<std::string> inputs;
  std::vector<std::string> outputs;
  std::vector<WeightGroup> groups;

  // Every shard path of every group, in the order DecodeWeights expects their bytes.
  std::vector<std::string> ShardPaths() const;
  const LayerSpec* FindLayer(const std::string& name) const;
};

// `file` names the model in messages ("models/model.json").
StatusOr<ModelSpec> ParseModelJson(std::string_view text, const std::string& file);

}  // namespace ml5::tfjs
