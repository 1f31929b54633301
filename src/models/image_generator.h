// What Pix2PixTransfer runs: an image-to-image network on one RGB image in [-1, 1] (ml5's
// preprocess), giving an image of the same size in [0, 1]. A .pict U-Net (Pix2Pix) and a tfjs
// Layers model (LayersImageGenerator) are the two kinds.
#pragma once

#include <cstdint>

#include "core/profile.h"
#include "core/tensor.h"
#include "core/thread_pool.h"

namespace ml5 {

class ImageGenerator {
 public:
  virtual ~ImageGenerator() = default;
  // The width of the network's first layer (pix2pix's ngf).
  virtual size_t ngf() const = 0;
  // Input sides must be multiples of this.
  virtual size_t size_unit() const = 0;
  // A network built for one input size only: its width and height; 0 x 0 for any multiple of
  // size_unit().
  virtual size_t fixed_width() const { return 0; }
  virtual size_t fixed_height() const { return 0; }
  // `input` is [1, H, W, 3]; the result stays valid until the next call.
  virtual StatusOr<TensorView> Run(const TensorView& input, ThreadPool& pool,
                                   Profile* profile = nullptr) = 0;
  // About the bytes of the buffers Run() makes for a height x width input, 64-bit so that sizes
  // past wasm's 4 GB still compare as too large.
  virtual uint64_t ActivationBytes(uint64_t height, uint64_t width) const = 0;
  // Frees the buffers; Run() makes them again.
  virtual void ReleaseBuffers() = 0;
};

}  // namespace ml5
