// Test helpers shared by the op harness: seeded random data, the error measure, and a log of the
// worst error per op that the harness prints at the end (the numbers the README reports).
#pragma once

#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/tensor.h"

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

 private:
  std::mt19937 engine_;
};

// A tensor whose pixels are `extra` floats wider than its channels, as when it is a slice of a
// concatenation buffer. The padding holds a sentinel so that stray writes are caught.
class PaddedTensor {
 public:
  PaddedTensor(const Shape& shape, size_t extra);
  TensorView view() const { return TensorView(storage_.data(), shape_, shape_.c + extra_); }
  // True when no float outside the view was written since construction.
  bool PaddingIntact() const;

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

// The worst error seen per op name, printed by the harness when it ends.
class ErrorLog {
 public:
  static void Record(const std::string& op, double error);
  static const std::map<std::string, double>& Worst();
};

// The tolerance every op must meet against its reference (relative, as above).
inline constexpr double kTolerance = 1e-5;

}  // namespace ml5::testing
