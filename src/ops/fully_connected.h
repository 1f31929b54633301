// Fully connected layer (Keras Dense) on XNNPACK's f32 fully-connected operator, applied to the
// channels of every pixel: [n, h, w, in] -> [n, h, w, out]. A plain vector is a [n, 1, 1, in].
#pragma once

#include "core/tensor.h"
#include "core/thread_pool.h"
#include "core/xnnpack_util.h"
#include "ops/activation.h"
#include "ops/output_activation.h"

namespace ml5 {

struct FullyConnectedParams {
  size_t in_channels = 1;
  size_t out_channels = 1;
  Activation activation;
  size_t input_pixel_stride = 0;  // 0 means dense
  size_t output_pixel_stride = 0;

  size_t input_stride() const { return input_pixel_stride ? input_pixel_stride : in_channels; }
  size_t output_stride() const { return output_pixel_stride ? output_pixel_stride : out_channels; }
};

class FullyConnected {
 public:
  // `kernel` is in Keras' layout [in_channels, out_channels]; `bias` is out_channels or null.
  static StatusOr<FullyConnected> Create(const FullyConnectedParams& params, const float* kernel,
                                         const float* bias);

  Status Run(const TensorView& input, const TensorView& output, ThreadPool& pool);
  const FullyConnectedParams& params() const { return params_; }

 private:
  FullyConnected(const FullyConnectedParams& params, XnnOperator op, OutputActivation activation)
      : params_(params), op_(std::move(op)), activation_(std::move(activation)) {}

  FullyConnectedParams params_;
  XnnOperator op_;
  OutputActivation activation_;
};

Status CheckFullyConnectedViews(const FullyConnectedParams& params, const TensorView& input,
                                const TensorView& output);
// Plain scalar reference of FullyConnected::Run, accumulating in double.
Status FullyConnectedReference(const FullyConnectedParams& params, const float* kernel,
                               const float* bias, const TensorView& input,
                               const TensorView& output);

}  // namespace ml5
