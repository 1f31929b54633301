// The shape of an NHWC tensor. Every size is checked for overflow where it is computed.
#pragma once

#include <cstddef>
#include <string>

namespace ml5 {

struct Shape {
  size_t n = 1;
  size_t h = 1;
  size_t w = 1;
  size_t c = 1;

  size_t pixels() const { return n * h * w; }
  size_t elements() const { return pixels() * c; }
  bool operator==(const Shape& other) const {
    return n == other.n && h == other.h && w == other.w && c == other.c;
  }
  bool operator!=(const Shape& other) const { return !(*this == other); }
  std::string ToString() const;
};

// Largest number of float elements one tensor may hold (1 GiB of floats); keeps every
// byte count well inside size_t, also on wasm32.
inline constexpr size_t kMaxTensorElements = size_t{1} << 28;

// True when n*h*w*c fits under kMaxTensorElements (computed without overflow).
bool ShapeIsAllocatable(const Shape& shape);

}  // namespace ml5
