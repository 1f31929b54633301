// Transposed 2-D convolution (tf.nn.conv2d_transpose, Keras Conv2DTranspose) on XNNPACK's NHWC f32
// deconvolution operator. Output sizes follow Keras: input * stride for 'same'.
#pragma once

#include "core/tensor.h"
#include "core/thread_pool.h"
#include "core/xnnpack_util.h"
#include "ops/conv_params.h"
#include "ops/output_activation.h"

namespace ml5 {

using Conv2DTransposeParams = ConvParams;

class Conv2DTranspose {
 public:
  // `kernel` is in TensorFlow's layout [kernel_h, kernel_w, out_channels, in_channels];
  // `bias` holds out_channels values or is null.
  static StatusOr<Conv2DTranspose> Create(const Conv2DTransposeParams& params, const float* kernel,
                                          const float* bias);

  StatusOr<Shape> OutputShape(const Shape& input) const;
  Status Run(const TensorView& input, const TensorView& output, ThreadPool& pool);
  const Conv2DTransposeParams& params() const { return params_; }

 private:
  Conv2DTranspose(const Conv2DTransposeParams& params, XnnOperator op, OutputActivation activation)
      : params_(params), op_(std::move(op)), activation_(std::move(activation)) {}

  Conv2DTransposeParams params_;
  XnnOperator op_;
  OutputActivation activation_;
};

StatusOr<Shape> Conv2DTransposeOutputShape(const Conv2DTransposeParams& params, const Shape& input);
// Plain scalar reference of Conv2DTranspose::Run (a scatter over inputs, accumulating in double).
Status Conv2DTransposeReference(const Conv2DTransposeParams& params, const float* kernel,
                                const float* bias, const TensorView& input,
                                const TensorView& output);

}  // namespace ml5
