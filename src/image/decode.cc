#include "image/decode.h"

#include <climits>
#include <cstring>
#include <string>

#define STB_IMAGE_IMPLEMENTATION
#define STBI_NO_STDIO
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#include <stb_image.h>

namespace ml5 {

StatusOr<DecodedImage> DecodeImage(std::string_view bytes, size_t max_pixels) {
  if (bytes.empty()) return Status::Error("image: the file is empty");
  if (bytes.size() > INT_MAX) return Status::Error("image: the file is too large");
  const auto* data = reinterpret_cast<const stbi_uc*>(bytes.data());
  const int length = static_cast<int>(bytes.size());
  int width = 0, height = 0, channels = 0;
  if (!stbi_info_from_memory(data, length, &width, &height, &channels)) {
    return Status::Error(std::string("image: not a PNG or JPEG image (") + stbi_failure_reason() +
                         ")");
  }
  if (width <= 0 || height <= 0 || size_t(width) > max_pixels / size_t(height)) {
    return Status::Error("image: " + std::to_string(width) + "x" + std::to_string(height) +
                         " exceeds the limit of " + std::to_string(max_pixels) + " pixels");
  }
  stbi_uc* pixels = stbi_load_from_memory(data, length, &width, &height, &channels, 4);
  if (pixels == nullptr) {
    return Status::Error(std::string("image: decoding failed (") + stbi_failure_reason() + ")");
  }
  DecodedImage image;
  image.width = width;
  image.height = height;
  image.rgba.assign(pixels, pixels + size_t(width) * height * 4);
  stbi_image_free(pixels);
  return image;
}

}  // namespace ml5
