// The activation that follows a convolution or dense layer. Clamps (linear, relu) are fused into
// the XNNPACK operator's output range; leaky relu, tanh and sigmoid then run in place.
#pragma once

#include <optional>

#include "ops/unary.h"

namespace ml5 {

class OutputActivation {
 public:
  static StatusOr<OutputActivation> Create(Activation activation);

  float output_min() const { return activation_.clamp_min(); }
  float output_max() const { return activation_.clamp_max(); }
  // Runs the unfused part, if any, in place on the operator's output.
  Status Apply(const TensorView& output, ThreadPool& pool);

 private:
  explicit OutputActivation(Activation activation) : activation_(activation) {}

  Activation activation_;
  std::optional<Unary> unfused_;
};

}  // namespace ml5
