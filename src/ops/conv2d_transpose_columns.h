// A transposed convolution as one GEMM and a col2im. A 1x1 convolution (XNNPACK's GEMM) gives
// every input pixel its patch of contributions, kernel_h x kernel_w x out_channels values (the
// "columns"); AddPatches then sums the overlapping patches into the output, row by row.
// Why: with few output channels (pix2pix's last layer has 3) XNNPACK's deconvolution and the
// phase form (conv2d_transpose_phases.h) fill 3 of their GEMM kernel's 8 columns. Here the GEMM is
// kernel_h * kernel_w * out_channels wide (48 for 4x4 to 3 channels), all of it useful, and the
// col2im adds 4 values per output value. Any kernel, stride and padding has this form.
#pragma once

#include <vector>

#include "core/aligned_buffer.h"
#include "core/tensor.h"
#include "core/thread_pool.h"
#include "core/weight_values.h"
#include "core/xnnpack_util.h"
#include "ops/conv_params.h"

namespace ml5 {

class Conv2DTransposeByColumns {
 public:
  // `kernel` is TensorFlow's [h, w, out, in], which is already the GEMM's [columns, in]. The output
  // is clamped to [output_min, output_max]; other activations are the caller's.
  static StatusOr<Conv2DTransposeByColumns> Create(const ConvParams& params, WeightValues kernel,
                                                   const float* bias, float output_min,
                                                   float output_max);

  // `output` has the shape Conv2DTransposeOutputShape() gives; both views may be channel slices.
  Status Run(const TensorView& input, const TensorView& output, ThreadPool& pool);
  // Frees the columns and the workspace; the next Run() makes them again.
  void ReleaseBuffers();
  // Floats of the columns held at once for an input of in_h x in_w pixels: a band of input rows
  // (about kBandFloats, at least one row) and the rows kept before it.
  size_t ColumnFloats(size_t in_h, size_t in_w) const;

  // 256 KB: within a core's L2 cache.
  static constexpr size_t kBandFloats = size_t{64} << 10;

 private:
  explicit Conv2DTransposeByColumns(const ConvParams& params) : params_(params) {}
  // Writes output row `oy` of one image: the bias, plus every patch that reaches it, clamped.
  // `columns` starts with input row `first_row`'s columns (in_w * patch_floats() floats a row).
  void AddPatches(const float* columns, size_t first_row, size_t in_h, size_t in_w, size_t crop_top,
                  size_t crop_left, size_t oy, float* image, size_t out_w, size_t stride) const;
  size_t band_rows(size_t in_h, size_t in_w) const;
  size_t halo_rows() const;
  size_t patch_floats() const { return params_.kernel_h * params_.kernel_w * params_.out_channels; }

  ConvParams params_;
  XnnOperator gemm_;
  std::vector<float> bias_;      // out_channels values, zeros without a bias
  std::vector<float> bias_row_;  // the bias repeated along the last output row width
  float output_min_ = 0, output_max_ = 0;
  AlignedBuffer columns_;
  AlignedBuffer workspace_;
};

}  // namespace ml5
