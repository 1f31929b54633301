#include "ops/conv2d.h"

namespace ml5 {

Status Conv2DReference(const Conv2DParams& p, const float* kernel, const float* bias,
                       const TensorView& input, const TensorView& output) {
  ML5_RETURN_IF_ERROR(
      CheckConvViews("conv2d", p, input, output, Conv2DOutputShape(p, input.shape())));
  const Shape& in = input.shape();
  const Shape& out = output.shape();
  ML5_ASSIGN_OR_RETURN(AxisGeometry gy, ConvAxis(in.h, p.kernel_h, p.stride_h, p.padding));
  ML5_ASSIGN_OR_RETURN(AxisGeometry gx, ConvAxis(in.w, p.kernel_w, p.stride_w, p.padding));
  for (size_t n = 0; n < out.n; ++n)
    for (size_t oy = 0; oy < out.h; ++oy)
      for (size_t ox = 0; ox < out.w; ++ox)
        for (size_t co = 0; co < out.c; ++co) {
          double sum = bias ? bias[co] : 0.0;
          for (size_t ky = 0; ky < p.kernel_h; ++ky) {
            // Input row, shifted so that the padding rows fall below zero.
            ptrdiff_t iy =
                static_cast<ptrdiff_t>(oy * p.stride_h + ky) - static_cast<ptrdiff_t>(gy.before);
            if (iy < 0 || iy >= static_cast<ptrdiff_t>(in.h)) continue;
            for (size_t kx = 0; kx < p.kernel_w; ++kx) {
              ptrdiff_t ix =
                  static_cast<ptrdiff_t>(ox * p.stride_w + kx) - static_cast<ptrdiff_t>(gx.before);
              if (ix < 0 || ix >= static_cast<ptrdiff_t>(in.w)) continue;
              for (size_t ci = 0; ci < in.c; ++ci) {
                float w = kernel[((ky * p.kernel_w + kx) * in.c + ci) * out.c + co];
                sum += static_cast<double>(input.at(n, iy, ix, ci)) * w;
              }
            }
          }
          output.at(n, oy, ox, co) = p.activation.Apply(static_cast<float>(sum));
        }
  return Status();
}

}  // namespace ml5
