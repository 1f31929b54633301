#include <algorithm>
#include <cmath>

#include "ops/resize_bilinear.h"

namespace ml5 {

Status ResizeBilinearReference(const TensorView& input, const TensorView& output) {
  const Shape& in = input.shape();
  const Shape& out = output.shape();
  if (in.n != out.n || in.c != out.c) return Status::Error("resize_bilinear: shapes differ");
  // Source coordinate, its two neighbours and the weight of the second.
  auto axis = [](size_t o, size_t in_size, size_t out_size, size_t* a, size_t* b, double* t) {
    double x = (o + 0.5) * double(in_size) / double(out_size) - 0.5;
    x = std::max(0.0, x);
    *a = std::min(size_t(std::floor(x)), in_size - 1);
    *b = std::min(*a + 1, in_size - 1);
    *t = x - double(*a);
  };
  for (size_t n = 0; n < out.n; ++n)
    for (size_t y = 0; y < out.h; ++y) {
      size_t y0, y1;
      double ty;
      axis(y, in.h, out.h, &y0, &y1, &ty);
      for (size_t x = 0; x < out.w; ++x) {
        size_t x0, x1;
        double tx;
        axis(x, in.w, out.w, &x0, &x1, &tx);
        for (size_t c = 0; c < out.c; ++c) {
          double top = input.at(n, y0, x0, c) * (1 - tx) + input.at(n, y0, x1, c) * tx;
          double bottom = input.at(n, y1, x0, c) * (1 - tx) + input.at(n, y1, x1, c) * tx;
          output.at(n, y, x, c) = static_cast<float>(top * (1 - ty) + bottom * ty);
        }
      }
    }
  return Status();
}

}  // namespace ml5
