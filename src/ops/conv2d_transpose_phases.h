// A transposed convolution whose stride divides its kernel (pix2pix: 4x4, stride 2), run as
// stride_h * stride_w ordinary convolutions, one per output phase (output rows y = q * stride_h +
// phase_y, likewise for x), each with kernel / stride taps per axis. They write side by side into
// one [n, h / stride_h, w / stride_w, phases * c] buffer, which Run() then spreads into the output.
// Why: XNNPACK's convolution GEMM runs these faster than its deconvolution operator's own
// sub-convolutions when each output takes many multiply-adds: 1.6x in wasm and 2x natively for
// 64x64x256 -> 128x128x64 (bench/op_bench.cc). With few (4x4 stride 2 from 64 channels) the
// extra pass over the output costs more than that gains; Conv2DTranspose picks.
#pragma once

#include <optional>
#include <vector>

#include "core/aligned_buffer.h"
#include "core/tensor.h"
#include "core/thread_pool.h"
#include "core/weight_values.h"
#include "core/xnnpack_util.h"
#include "ops/conv_params.h"

namespace ml5 {

class Conv2DTransposeByPhases {
 public:
  // nullopt when this geometry has no phase form (a stride that does not divide the kernel);
  // the caller then uses XNNPACK's deconvolution. `kernel` is TensorFlow's [h, w, out, in].
  // The output is clamped to [output_min, output_max]; other activations are the caller's.
  static StatusOr<std::optional<Conv2DTransposeByPhases>> Create(const ConvParams& params,
                                                                 WeightValues kernel,
                                                                 const float* bias,
                                                                 float output_min,
                                                                 float output_max);

  // `output` has the shape Conv2DTransposeOutputShape() gives; both views may be channel slices.
  Status Run(const TensorView& input, const TensorView& output, ThreadPool& pool);
  // Frees the phase buffer, the workspace and the phases' indirection buffers; the next Run()
  // makes them again.
  void ReleaseBuffers();

 private:
  explicit Conv2DTransposeByPhases(const ConvParams& params) : params_(params) {}

  ConvParams params_;
  std::vector<XnnOperator> phases_;  // phase_y * stride_w + phase_x
  AlignedBuffer phases_buffer_;
  AlignedBuffer workspace_;  // shared: the phases run one after another
};

}  // namespace ml5
