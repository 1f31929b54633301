// Transposed 2-D convolution (tf.nn.conv2d_transpose, Keras Conv2DTranspose). Output sizes follow
// Keras: input * stride for 'same'. When the stride divides the kernel it runs as one ordinary
// convolution per output phase (conv2d_transpose_phases.h, faster); otherwise on XNNPACK's NHWC
// f32 deconvolution operator.
#pragma once

#include <optional>

#include "core/tensor.h"
#include "core/thread_pool.h"
#include "core/weight_values.h"
#include "core/xnnpack_util.h"
#include "ops/conv2d_transpose_phases.h"
#include "ops/conv_params.h"
#include "ops/output_activation.h"

namespace ml5 {

using Conv2DTransposeParams = ConvParams;

// kFastest picks by shape; tests force each method to check it against the reference.
enum class Conv2DTransposeMethod { kFastest, kPhases, kDeconvolution };

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
  bool runs_by_phases() const { return phases_.has_value(); }
  // Frees the memory sized by the last input; the next Run() makes it again.
  void ReleaseBuffers();

 private:
  Conv2DTranspose(const Conv2DTransposeParams& params, OutputActivation activation)
      : params_(params), activation_(std::move(activation)) {}

  Conv2DTransposeParams params_;
  std::optional<Conv2DTransposeByPhases> phases_;  // when the stride divides the kernel
  XnnOperator op_;                                 // XNNPACK's deconvolution otherwise
  OutputActivation activation_;
};

StatusOr<Shape> Conv2DTransposeOutputShape(const Conv2DTransposeParams& params, const Shape& input);
// Plain scalar reference of Conv2DTranspose::Run (a scatter over inputs, accumulating in double).
Status Conv2DTransposeReference(const Conv2DTransposeParams& params, const float* kernel,
                                const float* bias, const TensorView& input,
                                const TensorView& output);

}  // namespace ml5
