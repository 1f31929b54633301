#include "op_tester.h"

#include <algorithm>
#include <cmath>

namespace ml5::testing {

std::vector<float> Random::Floats(size_t count, float scale) {
  std::vector<float> values(count);
  for (float& v : values) v = Float(-scale, scale);
  return values;
}

void Random::Fill(const TensorView& view, float scale) {
  const Shape& s = view.shape();
  for (size_t n = 0; n < s.n; ++n)
    for (size_t y = 0; y < s.h; ++y)
      for (size_t x = 0; x < s.w; ++x)
        for (size_t c = 0; c < s.c; ++c) view.at(n, y, x, c) = Float(-scale, scale);
}

PaddedTensor::PaddedTensor(const Shape& shape, size_t extra)
    : shape_(shape),
      extra_(extra),
      storage_(*Tensor::Create(Shape{shape.n, shape.h, shape.w, shape.c + extra})) {
  std::fill(storage_.data(), storage_.data() + storage_.elements(), kSentinel);
}

bool PaddedTensor::PaddingIntact() const {
  const size_t stride = shape_.c + extra_;
  for (size_t p = 0; p < shape_.pixels(); ++p)
    for (size_t c = shape_.c; c < stride; ++c)
      if (storage_.data()[p * stride + c] != kSentinel) return false;
  return true;
}

namespace {

template <typename F>
void ForEachPair(const TensorView& a, const TensorView& b, F f) {
  const Shape& s = a.shape();
  for (size_t n = 0; n < s.n; ++n)
    for (size_t y = 0; y < s.h; ++y)
      for (size_t x = 0; x < s.w; ++x)
        for (size_t c = 0; c < s.c; ++c) f(a.at(n, y, x, c), b.at(n, y, x, c));
}

}  // namespace

double RelativeError(const TensorView& actual, const TensorView& expected) {
  if (actual.shape() != expected.shape()) return INFINITY;
  double worst = 0.0, scale = 0.0;
  ForEachPair(actual, expected, [&](float a, float e) {
    double d = std::fabs(static_cast<double>(a) - e);
    worst = std::isnan(d) ? INFINITY : std::max(worst, d);
    scale = std::max(scale, std::fabs(static_cast<double>(e)));
  });
  return scale > 0.0 ? worst / scale : worst;
}

double AbsoluteError(const TensorView& actual, const TensorView& expected) {
  if (actual.shape() != expected.shape()) return INFINITY;
  double worst = 0.0;
  ForEachPair(actual, expected, [&](float a, float e) {
    double d = std::fabs(static_cast<double>(a) - e);
    worst = std::isnan(d) ? INFINITY : std::max(worst, d);
  });
  return worst;
}

namespace {
std::map<std::string, double>& Log() {
  static std::map<std::string, double> log;
  return log;
}
}  // namespace

void ErrorLog::Record(const std::string& op, double error) {
  double& worst = Log()[op];
  worst = std::max(worst, error);
}

const std::map<std::string, double>& ErrorLog::Worst() { return Log(); }

}  // namespace ml5::testing
