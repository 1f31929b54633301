// pix2pix on whole images, as ml5's transfer() did it and beyond: RGBA in (alpha dropped, or
// composited over a background), resized to a working size whose sides are multiples of 256 when
// needed, the generator, resized back, and packed with ml5's floor(256 * v).
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "core/aligned_buffer.h"
#include "models/pix2pix.h"
#include "ops/resize_bilinear.h"

namespace ml5 {

inline constexpr size_t kDefaultMaxTransferPixels = size_t{1} << 26;  // 8192 x 8192

struct TransferOptions {
  // The generator's input size; 0 picks the nearest multiple of 256 (at least 256) per side.
  size_t work_width = 0;
  size_t work_height = 0;
  // Composite transparent pixels over this colour; without it they read as black, as in ml5.
  std::optional<std::array<uint8_t, 3>> background;
  // Inputs (and working sizes) larger than this many pixels are refused.
  size_t max_pixels = kDefaultMaxTransferPixels;
  // Benchmarks: the time of every stage is added here.
  Profile* profile = nullptr;
};

// Both stay valid until the next Transfer().
struct TransferResult {
  TensorView image;     // [1, height, width, 3] in [0, 1]
  const uint8_t* rgba;  // height * width * 4 bytes, ml5's floor(256 * v) packing
};

class Pix2PixTransfer {
 public:
  explicit Pix2PixTransfer(Pix2Pix model) : model_(std::move(model)) {}

  // `rgba` holds width * height * 4 bytes. Running out of memory is an error, not an abort.
  StatusOr<TransferResult> Transfer(const uint8_t* rgba, size_t width, size_t height,
                                    const TransferOptions& options, ThreadPool& pool);
  const Pix2Pix& model() const { return model_; }

 private:
  StatusOr<TransferResult> Run(const uint8_t* rgba, size_t width, size_t height,
                               const TransferOptions& options, ThreadPool& pool);
  Status Reserve(Tensor& tensor, const Shape& shape);
  void ReleaseBuffers();

  Pix2Pix model_;
  ResizeBilinear resize_in_, resize_out_;  // one per direction: each keeps its output size
  Tensor input_, work_in_, output_;
  AlignedBuffer composited_;  // the input over options.background
  AlignedBuffer rgba_;        // the result's bytes
};

}  // namespace ml5
