// Parameters and checks shared by Conv2D and Conv2DTranspose.
#pragma once

#include <cstddef>

#include "core/tensor.h"
#include "ops/activation.h"
#include "ops/padding.h"

namespace ml5 {

struct ConvParams {
  size_t kernel_h = 1;
  size_t kernel_w = 1;
  size_t stride_h = 1;
  size_t stride_w = 1;
  size_t in_channels = 1;
  size_t out_channels = 1;
  Padding padding = Padding::kSame;
  Activation activation;
  // Distance between pixels of the input and output buffers; 0 means dense. Set them to read
  // from or write into a channel slice of a wider (concatenation) buffer.
  size_t input_pixel_stride = 0;
  size_t output_pixel_stride = 0;

  size_t input_stride() const { return input_pixel_stride ? input_pixel_stride : in_channels; }
  size_t output_stride() const { return output_pixel_stride ? output_pixel_stride : out_channels; }
  size_t kernel_elements() const { return kernel_h * kernel_w * in_channels * out_channels; }
};

// Floating-point operations (2 per multiply-add) of one run producing `output`, for the profiles'
// GFLOP/s: every output value takes kernel_h * kernel_w * in_channels multiply-adds, or for a
// transposed convolution ceil(kernel / stride) taps per axis (its sub-convolutions).
double ConvFlops(const ConvParams& params, const Shape& output, bool transposed);

// Positive sizes, strides at least as wide as the channels. `op` prefixes the message.
Status CheckConvParams(const char* op, const ConvParams& params);
// The input matches the params, and the output has `expected` shape and the output stride.
Status CheckConvViews(const char* op, const ConvParams& params, const TensorView& input,
                      const TensorView& output, const StatusOr<Shape>& expected);

}  // namespace ml5
