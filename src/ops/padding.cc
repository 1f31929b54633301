#include "ops/padding.h"

#include <string>

namespace ml5 {

const char* PaddingName(Padding padding) { return padding == Padding::kSame ? "same" : "valid"; }

StatusOr<AxisGeometry> ConvAxis(size_t input, size_t kernel, size_t stride, Padding padding) {
  if (input == 0 || kernel == 0 || stride == 0) {
    return Status::Error("convolution: input, kernel and stride must be positive");
  }
  AxisGeometry axis;
  if (padding == Padding::kValid) {
    if (input < kernel) {
      return Status::Error("convolution: input size " + std::to_string(input) +
                           " is smaller than the kernel (" + std::to_string(kernel) +
                           ") with 'valid' padding");
    }
    axis.output = (input - kernel) / stride + 1;
    return axis;
  }
  axis.output = (input + stride - 1) / stride;
  size_t needed = (axis.output - 1) * stride + kernel;
  size_t total = needed > input ? needed - input : 0;
  axis.before = total / 2;
  axis.after = total - axis.before;
  return axis;
}

StatusOr<AxisGeometry> ConvTransposeAxis(size_t input, size_t kernel, size_t stride,
                                         Padding padding) {
  if (input == 0 || kernel == 0 || stride == 0) {
    return Status::Error("transposed convolution: input, kernel and stride must be positive");
  }
  AxisGeometry axis;
  size_t overlap = kernel > stride ? kernel - stride : 0;
  axis.adjustment = stride > kernel ? stride - kernel : 0;
  if (padding == Padding::kSame) {
    axis.output = input * stride;
    axis.before = overlap / 2;
    axis.after = overlap - axis.before;
  } else {
    axis.output = input * stride + overlap;
  }
  return axis;
}

}  // namespace ml5
