#include "ops/upsample_nearest.h"

namespace ml5 {

Status UpsampleNearestReference(const UpsampleNearestParams& p, const TensorView& input,
                                const TensorView& output) {
  ML5_RETURN_IF_ERROR(CheckUpsampleNearestViews(p, input, output));
  const Shape& s = output.shape();
  for (size_t n = 0; n < s.n; ++n)
    for (size_t y = 0; y < s.h; ++y)
      for (size_t x = 0; x < s.w; ++x)
        for (size_t c = 0; c < s.c; ++c)
          output.at(n, y, x, c) = input.at(n, y / p.scale_h, x / p.scale_w, c);
  return Status();
}

}  // namespace ml5
