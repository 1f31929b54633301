// A Keras functional model as a graph of KerasLayers: built once from a tfjs model (weights
// packed into XNNPACK operators), then run any number of times for any batch size.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "graph/keras_layers.h"
#include "tfjs/weights.h"

namespace ml5 {

class LayersGraph {
 public:
  static StatusOr<LayersGraph> Build(const tfjs::ModelSpec& spec, WeightMap weights,
                                     const LayersOptions& options = {});
  // A tfjs Layers model from its model.json and weight shards (in ModelSpec::ShardPaths()
  // order). Models of more than `max_weights` weights are refused before they are decoded.
  static StatusOr<LayersGraph> Load(std::string_view model_json,
                                    const std::vector<std::string_view>& shards,
                                    const std::string& model_file,
                                    size_t max_weights = tfjs::kDefaultMaxWeights,
                                    const LayersOptions& options = {});

  size_t input_count() const { return inputs_.size(); }
  const std::string& input_name(size_t i) const { return nodes_[inputs_[i]].name; }
  const Dims& input_dims(size_t i) const { return nodes_[inputs_[i]].dims; }
  const Dims& output_dims() const { return nodes_[output_].dims; }

  // Sizes every buffer for `batch` (reusing them when the batch is unchanged) and returns the
  // input views to fill, in input_layers order.
  StatusOr<std::vector<TensorView>> PrepareInputs(size_t batch);
  // Runs the layers on the prepared inputs; the view stays valid until the next call.
  StatusOr<TensorView> Run(ThreadPool& pool);
  // The bytes of the buffers PrepareInputs(batch) makes.
  uint64_t BufferBytes(size_t batch) const;
  // Frees the buffers; PrepareInputs() makes them again.
  void ReleaseBuffers();
  // The dims of the first layer's output (after the inputs).
  const Dims& first_layer_dims() const;

 private:
  struct Node {
    std::string name;
    std::unique_ptr<KerasLayer> layer;  // null for inputs
    std::vector<size_t> inputs;
    Dims dims;
    Tensor storage;  // empty when the layer aliases its input
    TensorView view;
  };

  std::vector<Node> nodes_;  // topological order
  std::vector<size_t> inputs_;
  size_t output_ = 0;
  size_t batch_ = 0;
};

}  // namespace ml5
