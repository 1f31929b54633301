#include "image/png.h"

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
  std::vector<uint8_t> png;
  int stride = static_cast<int>(width * 4);
  if (!stbi_write_png_to_func(Append, &png, static_cast<int>(width), static_cast<int>(height), 4,
                              rgba, stride)) {
    return Status::Error("png: encoding failed");
  }
  return png;
}

}  // namespace ml5
