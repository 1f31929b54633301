#include "ops/fully_connected.h"

namespace ml5 {

Status FullyConnectedReference(const FullyConnectedParams& p, const float* kernel,
                               const float* bias, const TensorView& input,
                               const TensorView& output) {
  ML5_RETURN_IF_ERROR(CheckFullyConnectedViews(p, input, output));
  const Shape& s = input.shape();
  for (size_t n = 0; n < s.n; ++n)
    for (size_t y = 0; y < s.h; ++y)
      for (size_t x = 0; x < s.w; ++x)
        for (size_t o = 0; o < p.out_channels; ++o) {
          double sum = bias ? bias[o] : 0.0;
          for (size_t i = 0; i < p.in_channels; ++i)
            sum += static_cast<double>(input.at(n, y, x, i)) * kernel[i * p.out_channels + o];
          output.at(n, y, x, o) = p.activation.Apply(static_cast<float>(sum));
        }
  return Status();
}

}  // namespace ml5
