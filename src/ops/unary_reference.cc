#include "ops/unary.h"

namespace ml5 {

void UnaryReference(Activation activation, const TensorView& input, const TensorView& output) {
  const Shape& s = input.shape();
  for (size_t n = 0; n < s.n; ++n)
    for (size_t y = 0; y < s.h; ++y)
      for (size_t x = 0; x < s.w; ++x)
        for (size_t c = 0; c < s.c; ++c)
          output.at(n, y, x, c) = activation.Apply(input.at(n, y, x, c));
}

}  // namespace ml5
