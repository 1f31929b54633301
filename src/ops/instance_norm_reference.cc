#include <cmath>

#include "ops/instance_norm.h"

namespace ml5 {

Status InstanceNormReference(const InstanceNormParams& params, const float* gamma,
                             const float* beta, const TensorView& input, const TensorView& output,
                             const ActivatedOutput* second) {
  ML5_RETURN_IF_ERROR(CheckInstanceNormViews(params, input, output, second));
  const Shape& s = input.shape();
  const double pixels = static_cast<double>(s.h * s.w);
  for (size_t n = 0; n < s.n; ++n)
    for (size_t c = 0; c < s.c; ++c) {
      double mean = 0.0, variance = 0.0;
      for (size_t y = 0; y < s.h; ++y)
        for (size_t x = 0; x < s.w; ++x) mean += input.at(n, y, x, c);
      mean /= pixels;
      for (size_t y = 0; y < s.h; ++y)
        for (size_t x = 0; x < s.w; ++x) {
          double d = input.at(n, y, x, c) - mean;
          variance += d * d;
        }
      variance /= pixels;
      double scale = (gamma ? gamma[c] : 1.0) / std::sqrt(variance + params.epsilon);
      double shift = beta ? beta[c] : 0.0;
      for (size_t y = 0; y < s.h; ++y)
        for (size_t x = 0; x < s.w; ++x) {
          const float value = static_cast<float>((input.at(n, y, x, c) - mean) * scale + shift);
          output.at(n, y, x, c) = params.activation.Apply(value);
          if (second) second->view.at(n, y, x, c) = second->activation.Apply(value);
        }
    }
  return Status();
}

}  // namespace ml5
