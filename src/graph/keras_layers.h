// Keras layers bound to core ops. Each layer checks its config and weights when it is built
// and knows its output dims; LayersGraph wires them together. The builders, one per file, are
// in graph/layers/ and listed by class name in graph/layer_table.cc.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/dims.h"
#include "core/tensor.h"
#include "core/thread_pool.h"
#include "io/weight_map.h"
#include "tfjs/model_json.h"

namespace ml5 {

// How the layers that train and infer differently are built.
struct LayersOptions {
  // BatchNormalization on each image's own statistics (batch statistics at batch 1: Keras'
  // training=True, and what pix2pix computes) instead of the moving ones.
  bool batch_statistics = false;
};

class KerasLayer {
 public:
  virtual ~KerasLayer() = default;
  const Dims& output_dims() const { return output_dims_; }
  // Reshape and Flatten only relabel their input's memory.
  virtual bool aliases_input() const { return false; }
  virtual Status Run(const std::vector<TensorView>& inputs, const TensorView& output,
                     ThreadPool& pool) = 0;

 protected:
  Dims output_dims_;
};

// Builds `layer` for inputs of `input_dims`; takes the weights it uses out of `weights`.
// Unsupported classes and options are errors that name the layer and the model file.
StatusOr<std::unique_ptr<KerasLayer>> BuildKerasLayer(const tfjs::LayerSpec& layer,
                                                      const std::vector<Dims>& input_dims,
                                                      WeightMap& weights, const std::string& file,
                                                      const LayersOptions& options = {});

// The per-sample dims an InputLayer declares (batch_input_shape or batch_shape).
StatusOr<Dims> InputLayerDims(const tfjs::LayerSpec& layer, const std::string& file);

}  // namespace ml5
