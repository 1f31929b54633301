// Transposed 2-D convolution (tf.nn.conv2d_transpose, Keras Conv2DTranspose) on XNNPACK's NHWC f32
// deconvolution operator. Output sizes follow Keras: input * stride for 'same'.
#pragma once

#include "core/tensor.h"
#include "core/thread_pool.h"
#include "core/xnnpack_util.h"
#include "ops/activation.h"
#include "ops/output_activation.h"
#include "ops/padding.h"

namespace ml5 {

struct Conv2DTransposeParams {
  size_t kernel_h = 1;
  size_t kernel_w = 1;
  size_t stride_h = 1;
  size_t stride_w = 1;
  size_t in_channels = 1;
  size_t out_channels = 1;
  Padding padding = Padding::kSame;
  Activation activation;
  // Distance between pixels of the input and output buffers; 0 means dense.
  size_t input_pixel_stride = 0;
  size_t output_pixel_stride = 0;
};

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
Status CheckConv2DTransposeViews(const Conv2DTransposeParams& params, const TensorView& input,
                                 const TensorView& output);
// Plain scalar reference of Conv2DTranspose::Run (a scatter over inputs, accumulating in double).
Status Conv2DTransposeReference(const Conv2DTransposeParams& params, const float* kernel,
                                const float* bias, const TensorView& input,
                                const TensorView& output);

}  // namespace ml5
