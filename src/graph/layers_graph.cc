#include "graph/layers_graph.h"

#include <map>

namespace ml5 {

StatusOr<LayersGraph> LayersGraph::Build(const tfjs::ModelSpec& spec, WeightMap weights,
                                         const LayersOptions& options) {
  LayersGraph graph;
  std::map<std::string, size_t> index;
  for (const tfjs::LayerSpec& layer : spec.layers) {
    if (index.count(layer.name)) {
      return Status::Error(spec.file + ": two layers are named '" + layer.name + "'");
    }
    Node node;
    node.name = layer.name;
    std::vector<Dims> input_dims;
    for (const std::string& producer : layer.inbound) {
      auto it = index.find(producer);
      if (it == index.end()) {
        return Status::Error(spec.file + ": layer '" + layer.name + "' reads '" + producer +
                             "', which is not defined before it");
      }
      node.inputs.push_back(it->second);
      input_dims.push_back(graph.nodes_[it->second].dims);
    }
    if (layer.class_name == "InputLayer") {
      ML5_ASSIGN_OR_RETURN(node.dims, InputLayerDims(layer, spec.file));
    } else {
      if (node.inputs.empty()) {
        return Status::Error(spec.file + ": layer '" + layer.name + "' has no inputs");
      }
      ML5_ASSIGN_OR_RETURN(node.layer,
                           BuildKerasLayer(layer, input_dims, weights, spec.file, options));
      node.dims = node.layer->output_dims();
      ML5_RETURN_IF_ERROR(DimsToShape(node.dims, 1).status());
    }
    index[layer.name] = graph.nodes_.size();
    graph.nodes_.push_back(std::move(node));
  }
  for (const std::string& name : spec.inputs) {
    auto it = index.find(name);
    if (it == index.end() || graph.nodes_[it->second].layer) {
      return Status::Error(spec.file + ": model input '" + name + "' is not an InputLayer");
    }
    graph.inputs_.push_back(it->second);
  }
  if (spec.outputs.size() != 1) {
    return Status::Error(spec.file + ": models with " + std::to_string(spec.outputs.size()) +
                         " outputs are not supported (one output)");
  }
  auto out = index.find(spec.outputs[0]);
  if (out == index.end()) {
    return Status::Error(spec.file + ": model output '" + spec.outputs[0] + "' is not a layer");
  }
  graph.output_ = out->second;
  return graph;
}

StatusOr<LayersGraph> LayersGraph::Load(std::string_view model_json,
                                        const std::vector<std::string_view>& shards,
                                        const std::string& model_file, size_t max_weights,
                                        const LayersOptions& options) {
  ML5_ASSIGN_OR_RETURN(tfjs::ModelSpec spec, tfjs::ParseModelJson(model_json, model_file));
  ML5_ASSIGN_OR_RETURN(WeightMap weights, tfjs::DecodeWeights(spec, shards, max_weights));
  return Build(spec, std::move(weights), options);
}

StatusOr<std::vector<TensorView>> LayersGraph::PrepareInputs(size_t batch) {
  if (batch == 0) return Status::Error("batch size must be positive");
  if (batch != batch_) {
    batch_ = 0;
    for (Node& node : nodes_) {
      ML5_ASSIGN_OR_RETURN(Shape shape, DimsToShape(node.dims, batch));
      if (node.layer && node.layer->aliases_input()) {
        const TensorView& source = nodes_[node.inputs[0]].view;
        if (!source.dense()) return Status::Error(node.name + ": cannot relabel a strided input");
        node.storage = Tensor();
        node.view = TensorView(source.data(), shape);
      } else {
        ML5_ASSIGN_OR_RETURN(node.storage, Tensor::Create(shape));
        node.view = node.storage.view();
      }
    }
    batch_ = batch;
  }
  std::vector<TensorView> views;
  for (size_t i : inputs_) views.push_back(nodes_[i].view);
  return views;
}

uint64_t LayersGraph::BufferBytes(size_t batch) const {
  uint64_t floats = 0;
  for (const Node& node : nodes_) {
    if (node.layer && node.layer->aliases_input()) continue;
    uint64_t n = batch;
    for (int64_t d : node.dims) n *= uint64_t(d);
    floats += n;
  }
  return floats * sizeof(float);
}

void LayersGraph::ReleaseBuffers() {
  for (Node& node : nodes_) {
    node.storage = Tensor();
    node.view = TensorView();
  }
  batch_ = 0;
}

const Dims& LayersGraph::first_layer_dims() const {
  for (const Node& node : nodes_) {
    if (node.layer) return node.dims;
  }
  return nodes_[output_].dims;
}

StatusOr<TensorView> LayersGraph::Run(ThreadPool& pool) {
  if (batch_ == 0) return Status::Error("PrepareInputs() must come before Run()");
  std::vector<TensorView> inputs;
  for (Node& node : nodes_) {
    if (!node.layer) continue;
    inputs.clear();
    for (size_t i : node.inputs) inputs.push_back(nodes_[i].view);
    Status status = node.layer->Run(inputs, node.view, pool);
    if (!status.ok()) return Status::Error("layer '" + node.name + "': " + status.message());
  }
  return nodes_[output_].view;
}

}  // namespace ml5
