#include "image/pixels.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace ml5 {

Status ToRgbaRound255(const TensorView& image, size_t n, uint8_t* rgba) {
  const Shape& s = image.shape();
  if (s.c != 1 && s.c != 3 && s.c != 4) {
    return Status::Error("pixels: images need 1, 3 or 4 channels, got " + std::to_string(s.c));
  }
  if (n >= s.n) return Status::Error("pixels: image index out of range");
  auto byte = [](float v) {
    if (!(v > 0.0f)) return uint8_t{0};  // also NaN
    if (v >= 1.0f) return uint8_t{255};
    return static_cast<uint8_t>(std::round(255.0 * v));  // in double, as JS does
  };
  for (size_t y = 0; y < s.h; ++y)
    for (size_t x = 0; x < s.w; ++x) {
      const float* p = &image.at(n, y, x, 0);
      uint8_t* q = rgba + (y * s.w + x) * 4;
      if (s.c == 1) {
        q[0] = q[1] = q[2] = byte(p[0]);
        q[3] = 255;
      } else {
        q[0] = byte(p[0]);
        q[1] = byte(p[1]);
        q[2] = byte(p[2]);
        q[3] = s.c == 4 ? byte(p[3]) : 255;
      }
    }
  return Status();
}

Status ToRgbaFloor256(const TensorView& image, size_t n, uint8_t* rgba) {
  const Shape& s = image.shape();
  if (s.c != 3) return Status::Error("pixels: expected 3 channels, got " + std::to_string(s.c));
  if (n >= s.n) return Status::Error("pixels: image index out of range");
  // JS computes floor(256 * v) in double; in float it is the same number (times 256 only moves
  // the exponent, and floor is exact), and wasm has f32 floor and min/max without a branch.
  auto byte = [](float v) {
    const float scaled = std::floor(256.0f * v);
    return static_cast<uint8_t>(std::min(scaled > 0.0f ? scaled : 0.0f, 255.0f));  // NaN -> 0
  };
  for (size_t y = 0; y < s.h; ++y)
    for (size_t x = 0; x < s.w; ++x) {
      const float* p = &image.at(n, y, x, 0);
      uint8_t* q = rgba + (y * s.w + x) * 4;
      q[0] = byte(p[0]);
      q[1] = byte(p[1]);
      q[2] = byte(p[2]);
      q[3] = 255;
    }
  return Status();
}

Status RgbaToSigned(const uint8_t* rgba, const TensorView& out) {
  const Shape& s = out.shape();
  if (s.n != 1 || s.c != 3) return Status::Error("pixels: expected a [1, h, w, 3] output");
  for (size_t y = 0; y < s.h; ++y)
    for (size_t x = 0; x < s.w; ++x) {
      const uint8_t* p = rgba + (y * s.w + x) * 4;
      float* q = &out.at(0, y, x, 0);
      for (int c = 0; c < 3; ++c) q[c] = (static_cast<float>(p[c]) / 255.0f) * 2.0f - 1.0f;
    }
  return Status();
}

}  // namespace ml5
