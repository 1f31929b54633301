// Keras layers bound to core ops. Each layer checks its config and weights when it is built
// and knows its output dims; LayersGraph wires them together.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/tensor.h"
#include "core/thread_pool.h"
#include "tfjs/model_json.h"
#include "tfjs/weights.h"

namespace ml5 {

// Per-sample dims in Keras order, without the batch dimension.
using Dims = std::vector<int64_t>;
std::string DimsToString(const Dims& dims);
// [c] -> {n,1,1,c}; [w,c] -> {n,1,w,c}; [h,w,c] -> {n,h,w,c}.
StatusOr<Shape> DimsToShape(const Dims& dims, size_t batch);

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
                                                      WeightMap& weights,
                                                      const std::string& file);

// The per-sample dims an InputLayer declares (batch_input_shape or batch_shape).
StatusOr<Dims> InputLayerDims(const tfjs::LayerSpec& layer, const std::string& file);

}  // namespace ml5
