// A line drawing of a photo or video frame: black edges on white, the kind of input pix2pix
// models trained on sketches expect (the default model learned OpenMoji's line art).
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/status.h"

namespace ml5 {

struct LineArtOptions {
  // Edge strength, 0..1 of the largest Sobel response, above which a pixel is a line. Lower
  // draws more (and noisier) lines.
  float threshold = 0.12f;
  // Pixels added to each side of a line. -1 picks one per 256 pixels of the shorter side, so
  // that lines stay as wide after the model scales the image to 256.
  int radius = -1;
};

// `rgba` (width * height * 4 bytes) -> `out` (the same size; may be `rgba` itself, which is read
// once, first): gray luminance,
// smoothed by a 3x3 binomial blur, Sobel gradient magnitude, thresholded and widened by
// `radius`. Alpha is 255; the input's alpha is ignored.
Status LineArt(const uint8_t* rgba, size_t width, size_t height, const LineArtOptions& options,
               uint8_t* out);

}  // namespace ml5
