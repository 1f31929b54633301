// pix2pix on whole images, as ml5's transfer() did it and beyond: RGBA in (alpha dropped, or
// composited over a background), resized to a working size whose sides are multiples of 256 when
// needed, the generator, resized back, and packed with ml5's floor(256 * v).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "models/pix2pix.h"
#include "ops/resize_bilinear.h"

namespace ml5 {

struct TransferOptions {
  // The generator's input size; 0 picks the nearest multiple of 256 (at least 256) per side.
  size_t work_width = 0;
  size_t work_height = 0;
  // Composite transparent pixels over this colour; without it they read as black, as in ml5.
  std::optional<std::array<uint8_t, 3>> background;
};

// Inputs larger than this many pixels are refused (configurable by the caller).
inline constexpr size_t kDefaultMaxTransferPixels = size_t{1} << 26;  // 8192 x 8192

class Pix2PixTransfer {
 public:
  explicit Pix2PixTransfer(Pix2Pix model) : model_(std::move(model)) {}

  // `rgba` holds width * height * 4 bytes. Returns the image ([1, height, width, 3] in [0, 1])
  // and fills `rgba_out` with its RGBA bytes; both stay valid until the next call.
  StatusOr<TensorView> Transfer(const uint8_t* rgba, size_t width, size_t height,
                                const TransferOptions& options, ThreadPool& pool,
                                std::vector<uint8_t>* rgba_out,
                                size_t max_pixels = kDefaultMaxTransferPixels);
  const Pix2Pix& model() const { return model_; }

 private:
  Status Reserve(Tensor& tensor, const Shape& shape);

  Pix2Pix model_;
  ResizeBilinear resize_in_, resize_out_;  // one per direction: each keeps its output size
  Tensor input_, work_in_, output_;
  std::vector<uint8_t> composited_;  // the input over options.background
};

}  // namespace ml5
