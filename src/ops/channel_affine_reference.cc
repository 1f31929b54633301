#include "ops/channel_affine.h"

namespace ml5 {

Status ChannelAffineReference(const std::vector<float>& scale, const std::vector<float>& shift,
                              const TensorView& input, const TensorView& output) {
  if (input.shape().c != scale.size() || output.shape() != input.shape()) {
    return Status::Error("channel_affine: shapes do not match");
  }
  const Shape& s = input.shape();
  for (size_t n = 0; n < s.n; ++n)
    for (size_t y = 0; y < s.h; ++y)
      for (size_t x = 0; x < s.w; ++x)
        for (size_t c = 0; c < s.c; ++c)
          output.at(n, y, x, c) = input.at(n, y, x, c) * scale[c] + shift[c];
  return Status();
}

}  // namespace ml5
