// Float images to 8-bit RGBA, with the two roundings ml5 used.
#pragma once

#include <cstdint>

#include "core/tensor.h"

namespace ml5 {

// tf.browser.toPixels: round(255 * v), v clamped to [0, 1]. 1 channel -> gray, 3 -> RGB, 4 -> RGBA;
// alpha is 255 otherwise. `rgba` holds h * w * 4 bytes for image `n` of the view.
Status ToRgbaRound255(const TensorView& image, size_t n, uint8_t* rgba);

// ml5's array3DToImage for pix2pix: min(255, floor(256 * v)) per RGB channel, alpha 255.
Status ToRgbaFloor256(const TensorView& image, size_t n, uint8_t* rgba);

// ml5's pix2pix input: RGB of `rgba` (alpha dropped) as (p / 255) * 2 - 1, in float32 steps as
// tfjs does them, into `out` ([1, height, width, 3]).
Status RgbaToSigned(const uint8_t* rgba, const TensorView& out);

}  // namespace ml5
