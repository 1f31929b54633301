// 2-D convolution (tf.nn.conv2d, Keras Conv2D) on XNNPACK's NHWC f32 convolution operator.
// Weights are packed once, in Create(); Run() may be called any number of times.
#pragma once

#include <utility>
#include <vector>

#include "core/aligned_buffer.h"
#include "core/tensor.h"
#include "core/thread_pool.h"
#include "core/weight_values.h"
#include "core/xnnpack_util.h"
#include "ops/conv_params.h"
#include "ops/output_activation.h"

namespace ml5 {

using Conv2DParams = ConvParams;

// With 'same' padding and a kernel smaller than its stride, TensorFlow's padding depends on the
// input size modulo the stride, which XNNPACK's TF-same flag gets wrong; such ops keep their
// weights and pack them again when the input size changes the padding. All others pack once.
class Conv2D {
 public:
  // `kernel` is in TensorFlow's layout [kernel_h, kernel_w, in_channels, out_channels];
  // `bias` holds out_channels values or is null.
  static StatusOr<Conv2D> Create(const Conv2DParams& params, WeightValues kernel,
                                 const float* bias);

  StatusOr<Shape> OutputShape(const Shape& input) const;
  Status Run(const TensorView& input, const TensorView& output, ThreadPool& pool);
  const Conv2DParams& params() const { return params_; }
  // Frees the memory sized by the last input (the workspace and XNNPACK's indirection buffer);
  // the next Run() makes it again.
  void ReleaseBuffers();

 private:
  Conv2D(const Conv2DParams& params, OutputActivation activation)
      : params_(params), activation_(std::move(activation)) {}
  bool padding_depends_on_size() const;
  // Creates op_ with explicit padding (for padding_depends_on_size) or TF's rule.
  Status CreateOperator(const AxisGeometry& y, const AxisGeometry& x);

  Conv2DParams params_;
  OutputActivation activation_;
  XnnOperator op_;
  std::vector<float> ohwi_;  // [out, h, w, in]; kept only while padding_depends_on_size()
  std::vector<float> bias_;
  AxisGeometry op_y_, op_x_;  // the padding op_ was created with
  AlignedBuffer workspace_;   // grows to the largest shape run so far, then is reused
};

// Reshapes, sets up and runs the XNNPACK f32 NHWC convolution `op` on `input`, writing at
// `output` with the pixel stride `op` was created with; scratch comes from `workspace`. `what`
// prefixes errors; `work` (multiply-adds) decides whether threads help. Gives the output's
// height and width.
StatusOr<std::pair<size_t, size_t>> RunXnnConvolution(const char* what, xnn_operator_t op,
                                                      const TensorView& input, float* output,
                                                      size_t work, AlignedBuffer& workspace,
                                                      ThreadPool& pool);

// Shrinks what the XNNPACK convolution `op` keeps for its last input size (its indirection
// buffer: a pointer per kernel tap and output pixel, larger than the image for big inputs) by
// reshaping it for a kernel_h x kernel_w input. The next reshape sizes it again.
void ShrinkXnnConvolution(xnn_operator_t op, size_t kernel_h, size_t kernel_w);

StatusOr<Shape> Conv2DOutputShape(const Conv2DParams& params, const Shape& input);
// Plain scalar reference of Conv2D::Run, accumulating in double.
Status Conv2DReference(const Conv2DParams& params, const float* kernel, const float* bias,
                       const TensorView& input, const TensorView& output);

}  // namespace ml5
