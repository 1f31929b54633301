// Instance normalization: per image and channel, y = (x - mean) / sqrt(var + epsilon) * gamma +
// beta with the population variance over H x W. This is what pix2pix's "batchnorm" computes at
// batch size 1 (docs/formats.md 3.4). XNNPACK has no such operator, so this is a hand-written
// two-pass SIMD kernel, parallel over images and channel tiles.
// The pass that writes y can apply an activation, and write a second tensor under another one:
// pix2pix's relu and leaky relu then cost no pass of their own over the tensor.
#pragma once

#include <vector>

#include "core/tensor.h"
#include "core/thread_pool.h"
#include "ops/rectifier.h"

namespace ml5 {

struct InstanceNormParams {
  size_t channels = 1;
  float epsilon = 1e-5f;
  // Applied to y as it is written: linear, relu or leaky relu.
  Activation activation = Activation::Linear();
};

class InstanceNorm {
 public:
  // `gamma` and `beta` hold `channels` values each; null means 1 and 0.
  static StatusOr<InstanceNorm> Create(const InstanceNormParams& params, const float* gamma,
                                       const float* beta);

  // Output may be the input itself. Any of them may be a channel slice. `second`, if given, is
  // a tensor that the same pass writes too, under its own activation: for a y with two consumers
  // (in pix2pix, the skip connection reads relu(y) and the next encoder leaky_relu(y)).
  Status Run(const TensorView& input, const TensorView& output, ThreadPool& pool,
             const ActivatedOutput* second = nullptr) const;

 private:
  InstanceNorm(const InstanceNormParams& params, std::vector<float> gamma, std::vector<float> beta)
      : params_(params), gamma_(std::move(gamma)), beta_(std::move(beta)) {}

  InstanceNormParams params_;
  std::vector<float> gamma_;
  std::vector<float> beta_;
};

Status CheckInstanceNormViews(const InstanceNormParams& params, const TensorView& input,
                              const TensorView& output, const ActivatedOutput* second);
// Plain scalar reference of InstanceNorm::Run, in double.
Status InstanceNormReference(const InstanceNormParams& params, const float* gamma,
                             const float* beta, const TensorView& input, const TensorView& output,
                             const ActivatedOutput* second = nullptr);

}  // namespace ml5
