// Transposed 2-D convolution (tf.nn.conv2d_transpose, Keras Conv2DTranspose). Output sizes follow
// Keras: input * stride for 'same'. Strided ones run as one ordinary convolution per output phase
// where the stride divides the kernel and the outputs are 8 channels or more
// (conv2d_transpose_phases.h), as one GEMM and a col2im where they are fewer
// (conv2d_transpose_columns.h); others on XNNPACK's NHWC f32 deconvolution operator.
#pragma once

#include <optional>

#include "core/tensor.h"
#include "core/thread_pool.h"
#include "core/weight_values.h"
#include "core/xnnpack_util.h"
#include "ops/conv2d_transpose_columns.h"
#include "ops/conv2d_transpose_phases.h"
#include "ops/conv_params.h"
#include "ops/output_activation.h"

namespace ml5 {

using Conv2DTransposeParams = ConvParams;

// kFastest picks by shape; tests force each method to check it against the reference.
enum class Conv2DTransposeMethod { kFastest, kPhases, kColumns, kDeconvolution };

class Conv2DTranspose {
 public:
  // `kernel` is in TensorFlow's layout [kernel_h, kernel_w, out_channels, in_channels];
  // `bias` holds out_channels values or is null.
  static StatusOr<Conv2DTranspose> Create(
      const Conv2DTransposeParams& params, WeightValues kernel, const float* bias,
      Conv2DTransposeMethod method = Conv2DTransposeMethod::kFastest);

  StatusOr<Shape> OutputShape(const Shape& input) const;
  Status Run(const TensorView& input, const TensorView& output, ThreadPool& pool);
  const Conv2DTransposeParams& params() const { return params_; }
  // The method it runs by (never kFastest).
  Conv2DTransposeMethod method() const;
  // Floats of the buffer its columns take for an input of in_h x in_w pixels (0 for the other
  // methods), for the models' memory estimates.
  size_t ColumnFloats(size_t in_h, size_t in_w) const {
    return columns_ ? columns_->ColumnFloats(in_h, in_w) : 0;
  }
  // Frees the memory sized by the last input; the next Run() makes it again.
  void ReleaseBuffers();

 private:
  Conv2DTranspose(const Conv2DTransposeParams& params, OutputActivation activation)
      : params_(params), activation_(std::move(activation)) {}

  Conv2DTransposeParams params_;
  std::optional<Conv2DTransposeByPhases> phases_;    // when the stride divides the kernel
  std::optional<Conv2DTransposeByColumns> columns_;  // few output channels
  XnnOperator op_;                                   // XNNPACK's deconvolution otherwise
  OutputActivation activation_;
};

StatusOr<Shape> Conv2DTransposeOutputShape(const Conv2DTransposeParams& params, const Shape& input);
// Plain scalar reference of Conv2DTranspose::Run (a scatter over inputs, accumulating in double).
Status Conv2DTransposeReference(const Conv2DTransposeParams& params, const float* kernel,
                                const float* bias, const TensorView& input,
                                const TensorView& output);

}  // namespace ml5
