#include "tfjs/model_json.h"

#include <map>

namespace ml5::tfjs {
namespace {

// inbound_nodes: [[["layer", node, tensor, {kwargs}], ...]] (one node per layer is supported).
StatusOr<std::vector<std::string>> ParseInbound(const Json& layer, const std::string& where) {
  std::vector<std::string> names;
  const Json* nodes = JsonOptionalField(layer, "inbound_nodes");
  if (nodes == nullptr) return names;
  ML5_RETURN_IF_ERROR(JsonArray(*nodes, where + " inbound_nodes").status());
  if (nodes->empty()) return names;
  if (nodes->size() > 1) {
    return Status::Error(where +
                         ": a layer applied more than once (shared layers) is not supported");
  }
  ML5_ASSIGN_OR_RETURN(const Json* node, JsonArray((*nodes)[0], where + " inbound_nodes[0]"));
  for (const Json& ref : *node) {
    ML5_RETURN_IF_ERROR(JsonArray(ref, where + " inbound node").status());
    if (ref.empty()) return Status::Error(where + ": empty inbound node");
    ML5_ASSIGN_OR_RETURN(std::string name, JsonString(ref[0], where + " inbound layer name"));
    names.push_back(std::move(name));
  }
  return names;
}

// input_layers / output_layers: [["name", 0, 0], ...]
StatusOr<std::vector<std::string>> ParseEnds(const Json& config, const char* key,
                                             const std::string& where) {
  ML5_ASSIGN_OR_RETURN(const Json* list, JsonField(config, key, where));
  ML5_RETURN_IF_ERROR(JsonArray(*list, where + " " + key).status());
  std::vector<std::string> names;
  for (const Json& ref : *list) {
    ML5_RETURN_IF_ERROR(JsonArray(ref, where + " " + key).status());
    if (ref.empty()) return Status::Error(where + ": empty entry in " + key);
    ML5_ASSIGN_OR_RETURN(std::string name, JsonString(ref[0], where + " " + key));
    names.push_back(std::move(name));
  }
  return names;
}

StatusOr<LayerSpec> ParseLayer(const Json& layer, const std::string& file) {
  ML5_ASSIGN_OR_RETURN(const Json* class_name, JsonField(layer, "class_name", file + ": layer"));
  ML5_ASSIGN_OR_RETURN(const Json* config, JsonField(layer, "config", file + ": layer"));
  LayerSpec spec;
  ML5_ASSIGN_OR_RETURN(spec.class_name, JsonString(*class_name, file + ": layer class_name"));
  const Json* name = JsonOptionalField(layer, "name");
  if (name == nullptr) name = JsonOptionalField(*config, "name");
  if (name == nullptr) return Status::Error(file + ": a " + spec.class_name + " layer has no name");
  ML5_ASSIGN_OR_RETURN(spec.name, JsonString(*name, file + ": layer name"));
  spec.config = *config;
  ML5_ASSIGN_OR_RETURN(spec.inbound, ParseInbound(layer, file + ": layer '" + spec.name + "'"));
  return spec;
}

// A Sequential model used as a layer of a functional one (Keras: tf.keras.Sequential blocks,
// as in the TensorFlow pix2pix tutorial's generator): its layers, chained, take its place. The
// first reads what it read; `renamed` maps its name to its last layer's, for the layers after it.
Status ExpandNested(LayerSpec outer, std::vector<LayerSpec>& out,
                    std::map<std::string, std::string>& renamed, const std::string& file,
                    int depth = 0) {
  if (outer.class_name != "Sequential") {
    for (std::string& producer : outer.inbound) {
      if (auto it = renamed.find(producer); it != renamed.end()) producer = it->second;
    }
    out.push_back(std::move(outer));
    return Status();
  }
  const std::string where = file + ": nested Sequential '" + outer.name + "'";
  if (depth > 8) return Status::Error(where + " is nested too deeply");
  const Json* inner =
      outer.config.is_array() ? &outer.config : JsonOptionalField(outer.config, "layers");
  if (inner == nullptr || !inner->is_array()) return Status::Error(where + " has no layers");
  std::vector<std::string> previous = outer.inbound;
  for (const Json& layer : *inner) {
    ML5_ASSIGN_OR_RETURN(LayerSpec parsed, ParseLayer(layer, file));
    if (parsed.class_name == "InputLayer") continue;  // Keras lists the block's input first
    parsed.inbound = previous;
    const std::string name = parsed.name;
    ML5_RETURN_IF_ERROR(ExpandNested(std::move(parsed), out, renamed, file, depth + 1));
    auto it = renamed.find(name);
    previous = {it != renamed.end() ? it->second : name};
  }
  if (previous == outer.inbound) return Status::Error(where + " has no layers");
  renamed[outer.name] = previous[0];
  return Status();
}

StatusOr<std::vector<WeightGroup>> ParseManifest(const Json& manifest, const std::string& file) {
  const std::string where = file + ": weightsManifest";
  ML5_RETURN_IF_ERROR(JsonArray(manifest, where).status());
  std::vector<WeightGroup> groups;
  for (const Json& group_json : manifest) {
    WeightGroup group;
    ML5_ASSIGN_OR_RETURN(const Json* paths, JsonField(group_json, "paths", where));
    ML5_RETURN_IF_ERROR(JsonArray(*paths, where + " paths").status());
    for (const Json& path : *paths) {
      ML5_ASSIGN_OR_RETURN(std::string p, JsonString(path, where + " paths"));
      if (p.empty() || p[0] == '/' || p.find("..") != std::string::npos) {
        return Status::Error(where + ": shard path '" + p + "' must stay next to the model");
      }
      group.paths.push_back(std::move(p));
    }
    ML5_ASSIGN_OR_RETURN(const Json* weights, JsonField(group_json, "weights", where));
    ML5_RETURN_IF_ERROR(JsonArray(*weights, where + " weights").status());
    for (const Json& w : *weights) {
      WeightSpec spec;
      ML5_ASSIGN_OR_RETURN(const Json* name, JsonField(w, "name", where + " weight"));
      ML5_ASSIGN_OR_RETURN(spec.name, JsonString(*name, where + " weight name"));
      const std::string at = where + " weight '" + spec.name + "'";
      ML5_ASSIGN_OR_RETURN(const Json* shape, JsonField(w, "shape", at));
      ML5_ASSIGN_OR_RETURN(spec.shape, JsonDims(*shape, at + " shape"));
      for (int64_t d : spec.shape) {
        if (d < 0) return Status::Error(at + ": shape has an unknown dimension");
      }
      ML5_ASSIGN_OR_RETURN(const Json* dtype, JsonField(w, "dtype", at));
      ML5_ASSIGN_OR_RETURN(spec.dtype, JsonString(*dtype, at + " dtype"));
      if (const Json* q = JsonOptionalField(w, "quantization")) {
        Quantization quantization;
        ML5_ASSIGN_OR_RETURN(const Json* qd, JsonField(*q, "dtype", at + " quantization"));
        ML5_ASSIGN_OR_RETURN(quantization.dtype, JsonString(*qd, at + " quantization dtype"));
        if (quantization.dtype != "float16") {  // float16 values stand for themselves
          ML5_ASSIGN_OR_RETURN(const Json* scale, JsonField(*q, "scale", at + " quantization"));
          ML5_ASSIGN_OR_RETURN(quantization.scale, JsonNumber(*scale, at + " quantization scale"));
          ML5_ASSIGN_OR_RETURN(const Json* min, JsonField(*q, "min", at + " quantization"));
          ML5_ASSIGN_OR_RETURN(quantization.min, JsonNumber(*min, at + " quantization min"));
        }
        spec.quantization = quantization;
      }
      group.weights.push_back(std::move(spec));
    }
    groups.push_back(std::move(group));
  }
  return groups;
}

}  // namespace

std::vector<std::string> ModelSpec::ShardPaths() const {
  std::vector<std::string> paths;
  for (const WeightGroup& group : groups)
    paths.insert(paths.end(), group.paths.begin(), group.paths.end());
  return paths;
}

const LayerSpec* ModelSpec::FindLayer(const std::string& name) const {
  for (const LayerSpec& layer : layers)
    if (layer.name == name) return &layer;
  return nullptr;
}

StatusOr<ModelSpec> ParseModelJson(std::string_view text, const std::string& file) {
  ML5_ASSIGN_OR_RETURN(Json root, ParseJson(text, file));
  const Json* topology = root.is_object() ? JsonOptionalField(root, "modelTopology") : nullptr;
  if (topology == nullptr) {
    return Status::Error(file + ": no \"modelTopology\"; this is not a tfjs Layers model.json");
  }
  // Old converter: modelTopology.model_config = {class_name, config}; new: modelTopology itself.
  const Json* model = JsonOptionalField(*topology, "model_config");
  if (model == nullptr) model = topology;
  ML5_ASSIGN_OR_RETURN(const Json* class_json, JsonField(*model, "class_name", file + ": model"));
  ML5_ASSIGN_OR_RETURN(std::string class_name,
                       JsonString(*class_json, file + ": model class_name"));
  ML5_ASSIGN_OR_RETURN(const Json* config, JsonField(*model, "config", file + ": model"));

  ModelSpec spec;
  spec.file = file;
  if (class_name == "Model" || class_name == "Functional") {
    ML5_ASSIGN_OR_RETURN(const Json* layers, JsonField(*config, "layers", file + ": model config"));
    ML5_RETURN_IF_ERROR(JsonArray(*layers, file + ": layers").status());
    std::map<std::string, std::string> renamed;  // nested Sequential -> its last layer
    for (const Json& layer : *layers) {
      ML5_ASSIGN_OR_RETURN(LayerSpec parsed, ParseLayer(layer, file));
      ML5_RETURN_IF_ERROR(ExpandNested(std::move(parsed), spec.layers, renamed, file));
    }
    ML5_ASSIGN_OR_RETURN(spec.inputs, ParseEnds(*config, "input_layers", file + ": model config"));
    ML5_ASSIGN_OR_RETURN(spec.outputs,
                         ParseEnds(*config, "output_layers", file + ": model config"));
    for (std::string& output : spec.outputs) {
      if (auto it = renamed.find(output); it != renamed.end()) output = it->second;
    }
  } else if (class_name == "Sequential") {
    // Old Keras: config is the layer list; newer: {name, layers}. Each layer feeds the next.
    const Json* layers = config->is_array() ? config : JsonOptionalField(*config, "layers");
    if (layers == nullptr || !layers->is_array() || layers->empty()) {
      return Status::Error(file + ": a Sequential model without layers");
    }
    std::map<std::string, std::string> renamed;
    for (const Json& layer : *layers) {
      ML5_ASSIGN_OR_RETURN(LayerSpec parsed, ParseLayer(layer, file));
      if (!spec.layers.empty()) parsed.inbound = {spec.layers.back().name};
      ML5_RETURN_IF_ERROR(ExpandNested(std::move(parsed), spec.layers, renamed, file));
    }
    if (spec.layers.front().class_name != "InputLayer") {
      // The first layer carries the input shape; give it an explicit InputLayer.
      LayerSpec input;
      input.name = spec.layers.front().name + "_input";
      input.class_name = "InputLayer";
      input.config = spec.layers.front().config;
      spec.layers.front().inbound = {input.name};
      spec.layers.insert(spec.layers.begin(), std::move(input));
    }
    spec.inputs = {spec.layers.front().name};
    spec.outputs = {spec.layers.back().name};
  } else {
    return Status::Error(file + ": model class '" + class_name +
                         "' is not supported (use a functional Model or Sequential)");
  }
  ML5_ASSIGN_OR_RETURN(const Json* manifest, JsonField(root, "weightsManifest", file));
  ML5_ASSIGN_OR_RETURN(spec.groups, ParseManifest(*manifest, file));
  return spec;
}

}  // namespace ml5::tfjs
