// PNG encoding with stb_image_write.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/status.h"

namespace ml5 {

// 8-bit RGBA, row-major, width * height * 4 bytes.
StatusOr<std::vector<uint8_t>> EncodePng(const uint8_t* rgba, size_t width, size_t height);

}  // namespace ml5
