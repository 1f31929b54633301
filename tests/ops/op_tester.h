// What every op tester (tests/ops/*_test.cc) shares: seeded random data, tensors that catch
// stray and missing writes, the error measures, the pools, and a log of the worst error per op
// that the harness prints at the end (the numbers the README reports).
//
// Each tester follows XNNPACK's style: a builder (`UnaryTester().activation(a).shape(s)`) whose
// Test() makes the op once and runs it on three inputs: the configured shape, a second shape
// with a bigger batch (Grown()), then the first again, as in use one operator serves many sizes.
// Outputs start as NaN, so a value the op did not write shows.
#pragma once

#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/tensor.h"
#include "core/thread_pool.h"
#include "ops/activation.h"

namespace ml5::testing {

class Random {
 public:
  explicit Random(uint32_t seed) : engine_(seed) {}
  size_t Int(size_t lo, size_t hi) {
    return std::uniform_int_distribution<size_t>(lo, hi)(engine_);
  }
  float Float(float lo, float hi) { return std::uniform_real_distribution<float>(lo, hi)(engine_); }
  bool Bool() { return Int(0, 1) == 1; }
  std::vector<float> Floats(size_t count, float scale);
  // Fills every pixel's channels (and only those) with values in [-scale, scale).
  void Fill(const TensorView& view, float scale);
  Activation AnyActivation();
  // One that hand-written passes fuse (ops/rectifier.h): linear, relu or leaky relu.
  Activation AnyRectifier();

 private:
  std::mt19937 engine_;
};

// A tensor whose pixels are `extra` floats wider than its channels, as when it is a slice of a
// concatenation buffer. The view starts as NaN; the padding holds a sentinel so that stray
// writes are caught.
class PaddedTensor {
 public:
  PaddedTensor(const Shape& shape, size_t extra);
  TensorView view() const { return TensorView(storage_.data(), shape_, shape_.c + extra_); }
  // True when no float outside the view was written since construction.
  bool PaddingIntact() const;
  // How many values of the view are not finite (never written, or NaN results).
  size_t NonFinite() const;

 private:
  static constexpr float kSentinel = -12345.0f;
  Shape shape_;
  size_t extra_;
  Tensor storage_;
};

// max |actual - expected| / max |expected| over all pixels of the views.
double RelativeError(const TensorView& actual, const TensorView& expected);
// max |actual - expected|, for ops that must be bit-exact.
double AbsoluteError(const TensorView& actual, const TensorView& expected);

// The view's values in (n, y, x, c) order.
std::vector<float> Values(const TensorView& view);

// The tolerance every op must meet against its reference (relative, as above).
inline constexpr double kTolerance = 1e-5;
// Random cases per test, each with one and two threads.
inline constexpr int kRandomCases = 40;

// Expects `output` to match `expected` (relative error within kTolerance, or exactly when
// `exact`), with every value written and nothing outside its slice; records the error under
// `op`. `what` describes the case for failure messages.
void ExpectMatches(const std::string& op, const PaddedTensor& output, const PaddedTensor& expected,
                   const std::string& what, bool exact = false);

// The second shape a tester runs its op on: one more image, 3 rows and 2 columns more.
inline Shape Grown(const Shape& s) { return Shape{s.n + 1, s.h + 3, s.w + 2, s.c}; }
// The shapes Test() runs, in order.
inline std::vector<Shape> ShapesToRun(const Shape& first) { return {first, Grown(first), first}; }

// A pool of 1 or 2 threads (the unthreaded wasm build stays at 1); the 2-thread pool threads
// even the tests' small shapes.
ThreadPool& Pool(size_t threads);

// The worst error seen per op name, printed by the harness when it ends.
class ErrorLog {
 public:
  static void Record(const std::string& op, double error);
  static const std::map<std::string, double>& Worst();
};

}  // namespace ml5::testing
