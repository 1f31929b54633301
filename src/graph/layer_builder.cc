#include "graph/layer_builder.h"

namespace ml5 {

LayerBuildContext::LayerBuildContext(const tfjs::LayerSpec& layer, const std::vector<Dims>& inputs,
                                     WeightMap& weights, const std::string& file,
                                     const LayersOptions& options)
    : layer_(layer),
      inputs_(inputs),
      weights_(weights),
      options_(options),
      where_(file + ": layer '" + layer.name + "' (" + layer.class_name + ")") {}

StatusOr<Dims> LayerBuildContext::OneInput() const {
  if (inputs_.size() != 1) {
    return Error("expected 1 input(s), got " + std::to_string(inputs_.size()));
  }
  return inputs_[0];
}

StatusOr<Dims> LayerBuildContext::OneImageInput() const {
  ML5_ASSIGN_OR_RETURN(Dims in, OneInput());
  if (in.size() != 3) return Error("expects [height, width, channels] inputs");
  ML5_RETURN_IF_ERROR(ChannelsLast());
  return in;
}

StatusOr<int64_t> LayerBuildContext::Int(const char* key) const {
  ML5_ASSIGN_OR_RETURN(const Json* v, JsonField(layer_.config, key, where_));
  return JsonInt(*v, where_ + " " + key);
}

StatusOr<double> LayerBuildContext::Number(const char* key, double fallback) const {
  const Json* v = JsonOptionalField(layer_.config, key);
  return v ? JsonNumber(*v, where_ + " " + key) : StatusOr<double>(fallback);
}

StatusOr<bool> LayerBuildContext::Bool(const char* key, bool fallback) const {
  const Json* v = JsonOptionalField(layer_.config, key);
  return v ? JsonBool(*v, where_ + " " + key) : StatusOr<bool>(fallback);
}

StatusOr<std::string> LayerBuildContext::String(const char* key,
                                                const std::string& fallback) const {
  const Json* v = JsonOptionalField(layer_.config, key);
  return v ? JsonString(*v, where_ + " " + key) : StatusOr<std::string>(fallback);
}

StatusOr<std::pair<size_t, size_t>> LayerBuildContext::Pair(const char* key,
                                                            int64_t fallback) const {
  const Json* v = JsonOptionalField(layer_.config, key);
  if (v == nullptr) return std::make_pair(size_t(fallback), size_t(fallback));
  Dims dims;
  if (v->is_array()) {
    ML5_ASSIGN_OR_RETURN(dims, JsonDims(*v, where_ + " " + key));
  } else {
    ML5_ASSIGN_OR_RETURN(int64_t one, JsonInt(*v, where_ + " " + key));
    dims = {one, one};
  }
  if (dims.size() != 2 || dims[0] <= 0 || dims[1] <= 0 || dims[0] > 4096 || dims[1] > 4096) {
    return Error(std::string(key) + " must be two positive integers");
  }
  return std::make_pair(size_t(dims[0]), size_t(dims[1]));
}

StatusOr<Activation> LayerBuildContext::ActivationFor(const char* key) const {
  ML5_ASSIGN_OR_RETURN(std::string name, String(key, "linear"));
  if (name == "linear") return Activation::Linear();
  if (name == "relu") return Activation::Relu();
  if (name == "sigmoid") return Activation::Sigmoid();
  if (name == "tanh") return Activation::Tanh();
  return Error("activation '" + name + "' is not supported (linear, relu, sigmoid, tanh)");
}

Status LayerBuildContext::ChannelsLast() const {
  ML5_ASSIGN_OR_RETURN(std::string format, String("data_format", "channels_last"));
  if (format != "channels_last") return Error("data_format '" + format + "' is not supported");
  return Status();
}

StatusOr<std::vector<float>> LayerBuildContext::TakeWeight(const char* role,
                                                           const Dims& expected) const {
  const std::string suffix = layer_.name + "/" + role;
  auto it = weights_.find(suffix);
  if (it == weights_.end()) {
    for (auto candidate = weights_.begin(); candidate != weights_.end(); ++candidate) {
      const std::string& name = candidate->first;
      if (name.size() > suffix.size() &&
          name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0 &&
          name[name.size() - suffix.size() - 1] == '/') {
        it = candidate;
        break;
      }
    }
  }
  if (it == weights_.end()) return Error(std::string("weight '") + role + "' is missing");
  if (it->second.shape != expected) {
    return Error(std::string("weight '") + role + "' has shape " + DimsToString(it->second.shape) +
                 ", expected " + DimsToString(expected));
  }
  std::vector<float> values = std::move(it->second.values);
  weights_.erase(it);
  return values;
}

}  // namespace ml5
