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
  // Model outputs are opaque: written as RGB, the PNG is a sixth smaller and stb's deflate (most
  // of the time: ~15 ms for 256x256 in wasm) has a quarter less to do.
  const size_t pixels = width * height;
  bool opaque = true;
  for (size_t i = 0; i < pixels && opaque; ++i) opaque = rgba[i * 4 + 3] == 255;
  std::vector<uint8_t> rgb;
  if (opaque) {
    rgb.resize(pixels * 3);
    for (size_t i = 0; i < pixels; ++i) std::copy_n(rgba + i * 4, 3, &rgb[i * 3]);
  }
  const int channels = opaque ? 3 : 4;
  std::vector<uint8_t> png;
  if (!stbi_write_png_to_func(Append, &png, static_cast<int>(width), static_cast<int>(height),
                              channels, opaque ? rgb.data() : rgba,
                              static_cast<int>(width) * channels)) {
    return Status::Error("png: encoding failed");
  }
  return png;
}

}  // namespace ml5
