#include "image/png.h"

#include <algorithm>
#include <climits>
#include <string>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO
#include <stb_image_write.h>

namespace ml5 {
namespace {

void Append(void* context, void* data, int size) {
  auto* out = static_cast<std::vector<uint8_t>*>(context);
  const auto* bytes = static_cast<const uint8_t*>(data);
  out->insert(out->end(), bytes, bytes + size);
}

}  // namespace

StatusOr<std::vector<uint8_t>> EncodePng(const uint8_t* rgba, size_t width, size_t height) {
  if (width == 0 || height == 0 || width > 65535 || height > 65535 ||
      width * height > INT_MAX / 4) {
    return Status::Error("png: cannot encode a " + std::to_string(width) + "x" +
                         std::to_string(height) + " image");
  }
  // Model outputs are opaque, and a one-channel model's are grey: written with only the channels
  // that carry information, the PNG is smaller and stb's deflate (most of the time: ~11 ms for
  // 256x256 RGB in wasm) has less to do. Grey is a third of RGB's bytes (the CVAE's 28x28).
  const size_t pixels = width * height;
  bool opaque = true, grey = true;
  for (size_t i = 0; i < pixels && (opaque || grey); ++i) {
    const uint8_t* p = rgba + i * 4;
    opaque = opaque && p[3] == 255;
    grey = grey && p[0] == p[1] && p[1] == p[2];
  }
  // PNG colour types 0 (grey), 4 (grey + alpha), 2 (RGB) or 6 (RGBA), as stb names them.
  const int channels = grey ? (opaque ? 1 : 2) : (opaque ? 3 : 4);
  std::vector<uint8_t> packed;
  if (channels != 4) {
    packed.resize(pixels * channels);
    for (size_t i = 0; i < pixels; ++i) {
      const uint8_t* p = rgba + i * 4;
      uint8_t* q = &packed[i * channels];
      if (channels == 3) {
        std::copy_n(p, 3, q);
      } else {
        q[0] = p[0];
        if (channels == 2) q[1] = p[3];
      }
    }
  }
  std::vector<uint8_t> png;
  if (!stbi_write_png_to_func(Append, &png, static_cast<int>(width), static_cast<int>(height),
                              channels, channels == 4 ? rgba : packed.data(),
                              static_cast<int>(width) * channels)) {
    return Status::Error("png: encoding failed");
  }
  return png;
}

}  // namespace ml5
