#include "ops/weights.h"

#include <string>

#include "core/shape.h"

namespace ml5 {
namespace {

// Shared body: `in_is_inner` says whether the source's last axis is `in` (HWOI) or `out` (HWIO).
StatusOr<std::vector<float>> ToOhwi(const float* kernel, size_t h, size_t w, size_t in, size_t out,
                                    bool in_is_inner) {
  if (kernel == nullptr) return Status::Error("kernel weights are missing");
  if (!ShapeIsAllocatable(Shape{out, h, w, in})) {
    return Status::Error("kernel shape [" + std::to_string(h) + ", " + std::to_string(w) + ", " +
                         std::to_string(in) + ", " + std::to_string(out) + "] is too large");
  }
  std::vector<float> ohwi(out * h * w * in);
  for (size_t o = 0; o < out; ++o)
    for (size_t y = 0; y < h; ++y)
      for (size_t x = 0; x < w; ++x)
        for (size_t i = 0; i < in; ++i) {
          size_t hw = y * w + x;
          size_t source = in_is_inner ? (hw * out + o) * in + i : (hw * in + i) * out + o;
          ohwi[((o * h + y) * w + x) * in + i] = kernel[source];
        }
  return ohwi;
}

}  // namespace

StatusOr<std::vector<float>> HwioToOhwi(const float* kernel, size_t h, size_t w, size_t in,
                                        size_t out) {
  return ToOhwi(kernel, h, w, in, out, /*in_is_inner=*/false);
}

StatusOr<std::vector<float>> HwoiToOhwi(const float* kernel, size_t h, size_t w, size_t out,
                                        size_t in) {
  return ToOhwi(kernel, h, w, in, out, /*in_is_inner=*/true);
}

}  // namespace ml5
