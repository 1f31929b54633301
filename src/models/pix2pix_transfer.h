// pix2pix on whole images, as ml5's transfer() did it and beyond: RGBA in (alpha dropped, or
// composited over a background), resized to a working size whose sides are multiples of the model's
// size unit (256) when needed, the generator, resized back, and packed with ml5's floor(256 * v).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>

#include "core/aligned_buffer.h"
#include "models/image_generator.h"
#include "models/pix2pix.h"
#include "ops/resize_bilinear.h"

namespace ml5 {

inline constexpr size_t kDefaultMaxTransferPixels = size_t{1} << 26;  // 8192 x 8192
// Working buffers up to this size stay for the next call (video frames: no allocation per
// frame); larger ones, made for an unusually large input, are freed after it.
inline constexpr uint64_t kKeptWorkingBytes = uint64_t{256} << 20;

struct TransferOptions {
  // The generator's input size; 0 picks the nearest multiple of the model's size unit (256 for
  // ml5's models, at least one unit) per side.
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
  explicit Pix2PixTransfer(Pix2Pix model) : model_(std::make_unique<Pix2Pix>(std::move(model))) {}
  explicit Pix2PixTransfer(std::unique_ptr<ImageGenerator> model) : model_(std::move(model)) {}

  // `rgba` holds width * height * 4 bytes. Running out of memory is an error, not an abort.
  StatusOr<TransferResult> Transfer(const uint8_t* rgba, size_t width, size_t height,
                                    const TransferOptions& options, ThreadPool& pool);
  const ImageGenerator& model() const { return *model_; }
  // Call once the last result was read: frees the working buffers if they are larger than
  // kKeptWorkingBytes.
  void ReleaseLargeBuffers();
  // About the bytes the buffers of a transfer need: ours plus the generator's.
  uint64_t WorkingBytes(uint64_t width, uint64_t height, uint64_t work_w, uint64_t work_h,
                        bool background) const;

 private:
  StatusOr<TransferResult> Run(const uint8_t* rgba, size_t width, size_t height,
                               const TransferOptions& options, ThreadPool& pool);
  Status Reserve(Tensor& tensor, const Shape& shape);
  // An error that names the input, the working size and the memory, when the heap cannot hold
  // `needed` bytes (WorkingBytes()) for this transfer's buffers.
  Status CheckRoom(uint64_t needed, size_t width, size_t height, size_t work_w, size_t work_h);
  void ReleaseBuffers();

  std::unique_ptr<ImageGenerator> model_;
  ResizeBilinear resize_in_, resize_out_;  // one per direction: each keeps its output size
  Tensor input_, work_in_, output_;
  AlignedBuffer composited_;    // the input over options.background
  AlignedBuffer rgba_;          // the result's bytes
  uint64_t working_bytes_ = 0;  // WorkingBytes() of the buffers held now
};

}  // namespace ml5
