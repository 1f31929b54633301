// PNG and JPEG decoding with stb_image, to 8-bit RGBA.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace ml5 {

struct DecodedImage {
  std::vector<uint8_t> rgba;
  size_t width = 0;
  size_t height = 0;
};

// Images larger than `max_pixels` are refused before they are decoded.
StatusOr<DecodedImage> DecodeImage(std::string_view bytes, size_t max_pixels = size_t{1} << 26);

}  // namespace ml5
