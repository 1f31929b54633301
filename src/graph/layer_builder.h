// What a Keras layer's builder (graph/layers/) gets, and helpers that every builder uses.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "graph/keras_layers.h"
#include "io/json.h"
#include "ops/activation.h"

namespace ml5 {

// One layer to build: its spec, its inputs' dims and the model's weights, from which it takes
// those it uses. Every error names the model file and the layer.
class LayerBuildContext {
 public:
  LayerBuildContext(const tfjs::LayerSpec& layer, const std::vector<Dims>& inputs,
                    WeightMap& weights, const std::string& file, const LayersOptions& options = {});

  const tfjs::LayerSpec& layer() const { return layer_; }
  const LayersOptions& options() const { return options_; }
  const std::vector<Dims>& inputs() const { return inputs_; }
  // The single input's dims, after checking that there is exactly one.
  StatusOr<Dims> OneInput() const;
  // The single input's [height, width, channels], channels last.
  StatusOr<Dims> OneImageInput() const;

  const std::string& where() const { return where_; }
  Status Error(const std::string& message) const { return Status::Error(where_ + ": " + message); }

  // The layer's config; a missing optional key gives `fallback`.
  StatusOr<int64_t> Int(const char* key) const;
  StatusOr<double> Number(const char* key, double fallback) const;
  StatusOr<bool> Bool(const char* key, bool fallback) const;
  StatusOr<std::string> String(const char* key, const std::string& fallback) const;
  bool Has(const char* key) const { return JsonOptionalField(layer_.config, key) != nullptr; }
  // An int or a list of two ints (kernel_size, strides, size).
  StatusOr<std::pair<size_t, size_t>> Pair(const char* key, int64_t fallback) const;
  StatusOr<Activation> ActivationFor(const char* key) const;
  // Channels-last only, the Keras and tfjs default.
  Status ChannelsLast() const;

  // Takes "<layer>/<role>" (or ".../<layer>/<role>") out of the weights, checking its shape.
  StatusOr<std::vector<float>> TakeWeight(const char* role, const Dims& expected) const;

 private:
  const tfjs::LayerSpec& layer_;
  const std::vector<Dims>& inputs_;
  WeightMap& weights_;
  LayersOptions options_;
  std::string where_;
};

using LayerBuilder = StatusOr<std::unique_ptr<KerasLayer>> (*)(const LayerBuildContext&);

// A layer that runs one op on its single input.
template <typename Op>
class SingleOpLayer : public KerasLayer {
 public:
  SingleOpLayer(Op op, Dims output_dims) : op_(std::move(op)) {
    output_dims_ = std::move(output_dims);
  }
  Status Run(const std::vector<TensorView>& in, const TensorView& out, ThreadPool& pool) override {
    return op_.Run(in[0], out, pool);
  }

 private:
  Op op_;
};

// A layer whose output is its input's memory under other dims: it runs nothing.
class AliasLayer : public KerasLayer {
 public:
  explicit AliasLayer(Dims output_dims) { output_dims_ = std::move(output_dims); }
  bool aliases_input() const override { return true; }
  Status Run(const std::vector<TensorView>&, const TensorView&, ThreadPool&) override {
    return Status();
  }
};

template <typename Op>
StatusOr<std::unique_ptr<KerasLayer>> SingleOp(Op op, Dims output_dims) {
  return std::unique_ptr<KerasLayer>(new SingleOpLayer<Op>(std::move(op), std::move(output_dims)));
}

}  // namespace ml5
