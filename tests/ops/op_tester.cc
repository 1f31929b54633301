#include "op_tester.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

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

Activation Random::AnyActivation() {
  switch (Int(0, 4)) {
    case 0: return Activation::Linear();
    case 1: return Activation::Relu();
    case 2: return Activation::LeakyRelu(0.2f);
    case 3: return Activation::Tanh();
    default: return Activation::Sigmoid();
  }
}

Activation Random::AnyRectifier() {
  switch (Int(0, 2)) {
    case 0: return Activation::Linear();
    case 1: return Activation::Relu();
    default: return Activation::LeakyRelu(0.2f);
  }
}

PaddedTensor::PaddedTensor(const Shape& shape, size_t extra)
    : shape_(shape),
      extra_(extra),
      storage_(*Tensor::Create(Shape{shape.n, shape.h, shape.w, shape.c + extra})) {
  std::fill(storage_.data(), storage_.data() + storage_.elements(), kSentinel);
  const TensorView v = view();
  for (size_t p = 0; p < shape.pixels(); ++p)
    std::fill_n(v.data() + p * v.pixel_stride(), shape.c, std::numeric_limits<float>::quiet_NaN());
}

bool PaddedTensor::PaddingIntact() const {
  const size_t stride = shape_.c + extra_;
  for (size_t p = 0; p < shape_.pixels(); ++p)
    for (size_t c = shape_.c; c < stride; ++c)
      if (storage_.data()[p * stride + c] != kSentinel) return false;
  return true;
}

size_t PaddedTensor::NonFinite() const {
  const size_t stride = shape_.c + extra_;
  size_t count = 0;
  for (size_t p = 0; p < shape_.pixels(); ++p)
    for (size_t c = 0; c < shape_.c; ++c) count += !std::isfinite(storage_.data()[p * stride + c]);
  return count;
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

std::vector<float> Values(const TensorView& view) {
  std::vector<float> values;
  values.reserve(view.shape().elements());
  ForEachPair(view, view, [&](float v, float) { values.push_back(v); });
  return values;
}

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

void ExpectMatches(const std::string& op, const PaddedTensor& output, const PaddedTensor& expected,
                   const std::string& what, bool exact) {
  EXPECT_EQ(expected.NonFinite(), 0u) << "the reference left values unwritten: " << what;
  EXPECT_EQ(output.NonFinite(), 0u) << "values left unwritten: " << what;
  if (exact) {
    double error = AbsoluteError(output.view(), expected.view());
    ErrorLog::Record(op, error);
    EXPECT_EQ(error, 0.0) << what;
  } else {
    double error = RelativeError(output.view(), expected.view());
    ErrorLog::Record(op, error);
    EXPECT_LE(error, kTolerance) << what;
  }
  EXPECT_TRUE(output.PaddingIntact()) << "wrote outside its channel slice: " << what;
}

ThreadPool& Pool(size_t threads) {
  static ThreadPool one(1);
  static ThreadPool& two = *[] {
    static ThreadPool pool(2);      // stays at 1 thread on the unthreaded wasm build
    pool.set_min_parallel_work(0);  // the test shapes are small: thread them all the same
    return &pool;
  }();
  return threads == 1 ? one : two;
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

// Prints the worst error per op when the harness ends.
class PrintWorstErrors : public ::testing::Environment {
 public:
  void TearDown() override {
    std::printf("[ op errors ] worst relative |delta| against the scalar references:\n");
    for (const auto& [op, error] : ErrorLog::Worst())
      std::printf("  %-24s %.3g\n", op.c_str(), error);
  }
};
const auto* const kPrinter = ::testing::AddGlobalTestEnvironment(new PrintWorstErrors);

}  // namespace ml5::testing
