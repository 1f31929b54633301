#include "ops/weights.h"

#include <algorithm>
#include <string>

#include "core/shape.h"

namespace ml5 {
namespace {

// Shared body: `in_is_inner` says whether the source's last axis is `in` (HWOI) or `out` (HWIO).
StatusOr<std::vector<float>> ToOhwi(WeightValues kernel, size_t h, size_t w, size_t in, size_t out,
                                    bool in_is_inner) {
  if (kernel.missing()) return Status::Error("kernel weights are missing");
  if (!ShapeIsAllocatable(Shape{out, h, w, in})) {
    return Status::Error("kernel shape [" + std::to_string(h) + ", " + std::to_string(w) + ", " +
                         std::to_string(in) + ", " + std::to_string(out) + "] is too large");
  }
  std::vector<float> ohwi(out * h * w * in);
  const size_t taps = h * w, to_stride = taps * in;
  kernel.Visit([&](auto at) {
    if (in_is_inner) {  // [taps, out, in]: runs of `in` values move whole
      for (size_t o = 0; o < out; ++o)
        for (size_t t = 0; t < taps; ++t) {
          const size_t from = (t * out + o) * in;
          float* to = ohwi.data() + o * to_stride + t * in;
          for (size_t i = 0; i < in; ++i) to[i] = at(from + i);
        }
      return;
    }
    // [taps, in, out]: per tap an [in, out] -> [out, in] transpose, in tiles that stay in cache
    // (element by element, both sides stride through megabytes of the largest kernels).
    constexpr size_t kTile = 16;
    for (size_t t = 0; t < taps; ++t) {
      const size_t from = t * in * out;
      float* to = ohwi.data() + t * in;
      for (size_t i0 = 0; i0 < in; i0 += kTile) {
        const size_t i_end = std::min(in, i0 + kTile);
        for (size_t o0 = 0; o0 < out; o0 += kTile) {
          const size_t o_end = std::min(out, o0 + kTile);
          for (size_t o = o0; o < o_end; ++o)
            for (size_t i = i0; i < i_end; ++i) to[o * to_stride + i] = at(from + i * out + o);
        }
      }
    }
  });
  return ohwi;
}

}  // namespace

StatusOr<std::vector<float>> HwioToOhwi(WeightValues kernel, size_t h, size_t w, size_t in,
                                        size_t out) {
  return ToOhwi(kernel, h, w, in, out, /*in_is_inner=*/false);
}

StatusOr<std::vector<float>> HwoiToOhwi(WeightValues kernel, size_t h, size_t w, size_t out,
                                        size_t in) {
  return ToOhwi(kernel, h, w, in, out, /*in_is_inner=*/true);
}

}  // namespace ml5
