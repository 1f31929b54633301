#include "image/pixels.h"

#include <algorithm>
#include <cmath>
#include <cstring>
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

namespace {

// GCC/Clang vector extensions: SSE natively, SIMD128 under -msimd128.
typedef float Float4 __attribute__((vector_size(16)));
typedef int32_t Int4 __attribute__((vector_size(16)));
typedef uint8_t Byte4 __attribute__((vector_size(4)));

template <typename To, typename From>
To BitCast(From from) {
  static_assert(sizeof(To) == sizeof(From));
  To to;
  std::memcpy(&to, &from, sizeof to);
  return to;
}

// JS computes floor(256 * v) in double; in float it is the same number (times 256 only moves
// the exponent, and floor is exact), and wasm has f32 floor and min/max without a branch.
uint8_t Floor256(float v) {
  const float scaled = std::floor(256.0f * v);
  return static_cast<uint8_t>(std::min(scaled > 0.0f ? scaled : 0.0f, 255.0f));  // NaN -> 0
}

// One row of w pixels, `stride` floats apart, each pixel's floats in one vector (the fourth
// ignored): clamped to [0, 255] first, truncation is floor. The row's last pixel goes alone, since
// its vector would read past its three floats (past the buffer's end, on the last row).
void Floor256Row(const float* p, size_t stride, size_t w, uint8_t* q) {
  size_t x = 0;
  for (; x + 1 < w; ++x, p += stride, q += 4) {
    Float4 scaled;
    std::memcpy(&scaled, p, sizeof scaled);
    scaled *= 256.0f;
    const Int4 positive = scaled > 0.0f;  // false for NaN
    Float4 clamped = BitCast<Float4>(BitCast<Int4>(scaled) & positive);
    const Int4 below = clamped < 255.0f;
    clamped = BitCast<Float4>((BitCast<Int4>(clamped) & below) |
                              (BitCast<Int4>(Float4{255.0f, 255.0f, 255.0f, 255.0f}) & ~below));
    Byte4 bytes = __builtin_convertvector(__builtin_convertvector(clamped, Int4), Byte4);
    bytes[3] = 255;
    std::memcpy(q, &bytes, sizeof bytes);
  }
  for (; x < w; ++x, p += stride, q += 4) {
    q[0] = Floor256(p[0]);
    q[1] = Floor256(p[1]);
    q[2] = Floor256(p[2]);
    q[3] = 255;
  }
}

// One row into w RGB pixels `stride` floats apart. Where they are dense, each pixel's vector
// store also writes the next pixel's first float, which that pixel then overwrites; the row's
// last pixel goes alone.
void SignedRow(const uint8_t* p, size_t w, float* q, size_t stride) {
  size_t x = 0;
  for (; stride == 3 && x + 1 < w; ++x, p += 4, q += 3) {
    Byte4 bytes;
    std::memcpy(&bytes, p, sizeof bytes);
    const Float4 v = (__builtin_convertvector(bytes, Float4) / 255.0f) * 2.0f - 1.0f;
    std::memcpy(q, &v, sizeof v);
  }
  for (; x < w; ++x, p += 4, q += stride)
    for (int c = 0; c < 3; ++c) q[c] = (static_cast<float>(p[c]) / 255.0f) * 2.0f - 1.0f;
}

}  // namespace

Status ToRgbaFloor256(const TensorView& image, size_t n, uint8_t* rgba) {
  const Shape& s = image.shape();
  if (s.c != 3) return Status::Error("pixels: expected 3 channels, got " + std::to_string(s.c));
  if (n >= s.n) return Status::Error("pixels: image index out of range");
  for (size_t y = 0; y < s.h; ++y)
    Floor256Row(&image.at(n, y, 0, 0), image.pixel_stride(), s.w, rgba + y * s.w * 4);
  return Status();
}

Status RgbaToSigned(const uint8_t* rgba, const TensorView& out) {
  const Shape& s = out.shape();
  if (s.n != 1 || s.c != 3) return Status::Error("pixels: expected a [1, h, w, 3] output");
  for (size_t y = 0; y < s.h; ++y)
    SignedRow(rgba + y * s.w * 4, s.w, &out.at(0, y, 0, 0), out.pixel_stride());
  return Status();
}

}  // namespace ml5
