#include <vector>

#include "ops/conv2d_transpose.h"

namespace ml5 {

Status Conv2DTransposeReference(const Conv2DTransposeParams& p, const float* kernel,
                                const float* bias, const TensorView& input,
                                const TensorView& output) {
  ML5_RETURN_IF_ERROR(CheckConvViews("conv2d_transpose", p, input, output,
                                     Conv2DTransposeOutputShape(p, input.shape())));
  const Shape& in = input.shape();
  const Shape& out = output.shape();
  ML5_ASSIGN_OR_RETURN(AxisGeometry gy, ConvTransposeAxis(in.h, p.kernel_h, p.stride_h, p.padding));
  ML5_ASSIGN_OR_RETURN(AxisGeometry gx, ConvTransposeAxis(in.w, p.kernel_w, p.stride_w, p.padding));
  std::vector<double> sum(out.elements());
  // Every input pixel scatters kernel * value to out[iy*stride + ky - before, ...].
  for (size_t n = 0; n < in.n; ++n)
    for (size_t iy = 0; iy < in.h; ++iy)
      for (size_t ky = 0; ky < p.kernel_h; ++ky) {
        ptrdiff_t oy =
            static_cast<ptrdiff_t>(iy * p.stride_h + ky) - static_cast<ptrdiff_t>(gy.before);
        if (oy < 0 || oy >= static_cast<ptrdiff_t>(out.h)) continue;
        for (size_t ix = 0; ix < in.w; ++ix)
          for (size_t kx = 0; kx < p.kernel_w; ++kx) {
            ptrdiff_t ox =
                static_cast<ptrdiff_t>(ix * p.stride_w + kx) - static_cast<ptrdiff_t>(gx.before);
            if (ox < 0 || ox >= static_cast<ptrdiff_t>(out.w)) continue;
            double* target = &sum[((n * out.h + oy) * out.w + ox) * out.c];
            for (size_t co = 0; co < out.c; ++co)
              for (size_t ci = 0; ci < in.c; ++ci) {
                float w = kernel[((ky * p.kernel_w + kx) * out.c + co) * in.c + ci];
                target[co] += static_cast<double>(input.at(n, iy, ix, ci)) * w;
              }
          }
      }
  for (size_t n = 0; n < out.n; ++n)
    for (size_t y = 0; y < out.h; ++y)
      for (size_t x = 0; x < out.w; ++x)
        for (size_t c = 0; c < out.c; ++c) {
          double v = sum[((n * out.h + y) * out.w + x) * out.c + c] + (bias ? bias[c] : 0.0f);
          output.at(n, y, x, c) = p.activation.Apply(static_cast<float>(v));
        }
  return Status();
}

}  // namespace ml5
