#include "ops/concat.h"

namespace ml5 {

Status ConcatChannelsReference(const std::vector<TensorView>& inputs, const TensorView& output) {
  ML5_RETURN_IF_ERROR(CheckConcatViews(inputs, output));
  const Shape& s = output.shape();
  size_t offset = 0;
  for (const TensorView& input : inputs) {
    for (size_t n = 0; n < s.n; ++n)
      for (size_t y = 0; y < s.h; ++y)
        for (size_t x = 0; x < s.w; ++x)
          for (size_t c = 0; c < input.shape().c; ++c)
            output.at(n, y, x, offset + c) = input.at(n, y, x, c);
    offset += input.shape().c;
  }
  return Status();
}

}  // namespace ml5
