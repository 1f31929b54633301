#include "image/line_art.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace ml5 {
namespace {

// Clamps a coordinate into [0, size): edges repeat their border pixels.
inline size_t Clamp(ptrdiff_t i, size_t size) {
  return static_cast<size_t>(std::clamp<ptrdiff_t>(i, 0, static_cast<ptrdiff_t>(size) - 1));
}

// A separable 3x3 pass with weights (a, b, a) along rows then columns, on a float plane.
std::vector<float> Blur121(const std::vector<float>& in, size_t w, size_t h) {
  std::vector<float> rows(in.size()), out(in.size());
  for (size_t y = 0; y < h; ++y) {
    const float* r = &in[y * w];
    for (size_t x = 0; x < w; ++x) {
      rows[y * w + x] = 0.25f * (r[Clamp(x - 1, w)] + 2 * r[x] + r[Clamp(x + 1, w)]);
    }
  }
  for (size_t y = 0; y < h; ++y) {
    const float* up = &rows[Clamp(y - 1, h) * w];
    const float* mid = &rows[y * w];
    const float* down = &rows[Clamp(y + 1, h) * w];
    for (size_t x = 0; x < w; ++x) out[y * w + x] = 0.25f * (up[x] + 2 * mid[x] + down[x]);
  }
  return out;
}

// 1 where a pixel is within `radius` (a square) of a marked one: a separable max filter.
std::vector<uint8_t> Widen(const std::vector<uint8_t>& marks, size_t w, size_t h, size_t radius) {
  if (radius == 0) return marks;
  std::vector<uint8_t> rows(marks.size()), out(marks.size());
  const ptrdiff_t r = static_cast<ptrdiff_t>(radius);
  for (size_t y = 0; y < h; ++y) {
    for (size_t x = 0; x < w; ++x) {
      uint8_t any = 0;
      for (ptrdiff_t d = -r; d <= r && !any; ++d) any = marks[y * w + Clamp(x + d, w)];
      rows[y * w + x] = any;
    }
  }
  for (size_t y = 0; y < h; ++y) {
    for (size_t x = 0; x < w; ++x) {
      uint8_t any = 0;
      for (ptrdiff_t d = -r; d <= r && !any; ++d) any = rows[Clamp(y + d, h) * w + x];
      out[y * w + x] = any;
    }
  }
  return out;
}

}  // namespace

Status LineArt(const uint8_t* rgba, size_t width, size_t height, const LineArtOptions& options,
               uint8_t* out) {
  if (width == 0 || height == 0) {
    return Status::Error("lineArt: the image is empty (" + std::to_string(width) + "x" +
                         std::to_string(height) + ")");
  }
  if (options.radius < -1 || options.radius > 64) {
    return Status::Error("lineArt: radius must be -1 (automatic) to 64 pixels, got " +
                         std::to_string(options.radius));
  }
  if (!(options.threshold >= 0 && options.threshold <= 1)) {
    return Status::Error("lineArt: threshold must be between 0 and 1, got " +
                         std::to_string(options.threshold));
  }
  const size_t w = width, h = height, pixels = w * h;
  // The only read of `rgba`: `out` may be the same bytes.
  std::vector<float> gray(pixels);
  for (size_t i = 0; i < pixels; ++i) {
    const uint8_t* p = rgba + i * 4;
    gray[i] = 0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2];
  }
  gray = Blur121(gray, w, h);
  // The Sobel magnitude of a step from 0 to 255 is 4 * 255; threshold is a fraction of it.
  const float limit = options.threshold * 4 * 255;
  std::vector<uint8_t> edges(pixels);
  for (size_t y = 0; y < h; ++y) {
    const float* up = &gray[Clamp(y - 1, h) * w];
    const float* mid = &gray[y * w];
    const float* down = &gray[Clamp(y + 1, h) * w];
    for (size_t x = 0; x < w; ++x) {
      const size_t l = Clamp(x - 1, w), r = Clamp(x + 1, w);
      const float gx = (up[r] + 2 * mid[r] + down[r]) - (up[l] + 2 * mid[l] + down[l]);
      const float gy = (down[l] + 2 * down[x] + down[r]) - (up[l] + 2 * up[x] + up[r]);
      edges[y * w + x] = std::sqrt(gx * gx + gy * gy) > limit;
    }
  }
  edges = Widen(edges, w, h, options.radius >= 0 ? options.radius : std::min(w, h) / 256);
  for (size_t i = 0; i < pixels; ++i) {
    const uint8_t v = edges[i] ? 0 : 255;
    out[i * 4] = out[i * 4 + 1] = out[i * 4 + 2] = v;
    out[i * 4 + 3] = 255;
  }
  return Status();
}

}  // namespace ml5
