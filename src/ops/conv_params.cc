#include "ops/conv_params.h"

#include <string>

namespace ml5 {

Status CheckConvParams(const char* op, const ConvParams& p) {
  if (p.kernel_h == 0 || p.kernel_w == 0 || p.stride_h == 0 || p.stride_w == 0 ||
      p.in_channels == 0 || p.out_channels == 0) {
    return Status::Error(std::string(op) + ": kernel, stride and channel counts must be positive");
  }
  if (p.input_stride() < p.in_channels || p.output_stride() < p.out_channels) {
    return Status::Error(std::string(op) + ": a pixel stride is smaller than its channel count");
  }
  return Status();
}

double ConvFlops(const ConvParams& p, const Shape& output, bool transposed) {
  const size_t taps_h = transposed ? (p.kernel_h + p.stride_h - 1) / p.stride_h : p.kernel_h;
  const size_t taps_w = transposed ? (p.kernel_w + p.stride_w - 1) / p.stride_w : p.kernel_w;
  return 2.0 * double(output.n * output.h * output.w) * double(p.out_channels) *
         double(taps_h * taps_w * p.in_channels);
}

Status CheckConvViews(const char* op, const ConvParams& p, const TensorView& input,
                      const TensorView& output, const StatusOr<Shape>& expected) {
  if (input.shape().c != p.in_channels || input.pixel_stride() != p.input_stride()) {
    return Status::Error(std::string(op) + ": expected an input with " +
                         std::to_string(p.in_channels) + " channels (pixel stride " +
                         std::to_string(p.input_stride()) + "), got " + input.shape().ToString() +
                         " (pixel stride " + std::to_string(input.pixel_stride()) + ")");
  }
  if (!expected.ok()) return expected.status();
  const Shape& shape = *expected;
  if (output.shape() != shape || output.pixel_stride() != p.output_stride()) {
    return Status::Error(std::string(op) + ": expected an output of shape " + shape.ToString() +
                         " (pixel stride " + std::to_string(p.output_stride()) + "), got " +
                         output.shape().ToString() + " (pixel stride " +
                         std::to_string(output.pixel_stride()) + ")");
  }
  return Status();
}

}  // namespace ml5
