// Float images to 8-bit RGBA, with the two roundings ml5 used.
#pragma once

#include <cstdint>

#include "core/tensor.h"

namespace ml5 {

// tf.browser.toPixels: round(255 * v), v clamped to [0, 1]. 1 channel -> gray, 3 -> RGB, 4 -> RGBA;
// alpha is 255 otherwise. `rgba` holds h * w * 4 bytes for image `n` of the view.
Status ToRgbaRound255(const TensorView& image, size_t n, uint8_t* rgba);

}  // namespace ml5
