// Bilinear resizing with half-pixel centres (what browsers do when they scale an image), on
// XNNPACK's resize_bilinear2d_nhwc_f32. The operator is remade when the output size changes.
#pragma once

#include <cstdint>

#include "core/aligned_buffer.h"
#include "core/tensor.h"
#include "core/thread_pool.h"
#include "core/xnnpack_util.h"

namespace ml5 {

class ResizeBilinear {
 public:
  // Any sizes; n and c must agree. Input and output may be channel slices.
  Status Run(const TensorView& input, const TensorView& output, ThreadPool& pool);
  // About the bytes Run() keeps for an output of this many pixels: XNNPACK's indirection buffer
  // (four input pointers per output pixel) and its interpolation weights (two floats).
  // 64-bit: sizes that overflow wasm's size_t must still compare as too large.
  static constexpr uint64_t BufferBytes(uint64_t output_pixels) {
    return output_pixels * (4 * sizeof(void*) + 2 * sizeof(float));
  }
  // Frees the operator and its per-size buffers (XNNPACK's indirection buffer for a large
  // output is bigger than the image itself).
  void Release() {
    op_ = XnnOperator();
    out_h_ = out_w_ = 0;
    workspace_.Release();
  }

 private:
  XnnOperator op_;
  size_t out_h_ = 0, out_w_ = 0;
  AlignedBuffer workspace_;
};

// Plain scalar reference: out(y, x) samples the input at ((y + 0.5) * in / out - 0.5, ...),
// clamped to the edges.
Status ResizeBilinearReference(const TensorView& input, const TensorView& output);

}  // namespace ml5
