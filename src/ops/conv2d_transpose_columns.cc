#include "ops/conv2d_transpose_columns.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <string>

#include "core/float4.h"
#include "ops/conv2d.h"
#include "ops/padding.h"

namespace ml5 {
namespace {

// to[i] += from[i] for i < count, whole vectors first (a patch row is 12 floats in pix2pix).
void AddFloats(const float* from, float* to, size_t count) {
  size_t i = 0;
  for (; i + 4 <= count; i += 4) {
    StoreFloat4(to + i, LoadFloat4(to + i) + LoadFloat4(from + i));
  }
  for (; i < count; ++i) to[i] += from[i];
}

}  // namespace

StatusOr<Conv2DTransposeByColumns> Conv2DTransposeByColumns::Create(const ConvParams& p,
                                                                    WeightValues kernel,
                                                                    const float* bias,
                                                                    float output_min,
                                                                    float output_max) {
  if (kernel.missing()) return Status::Error("conv2d_transpose: kernel weights are missing");
  Conv2DTransposeByColumns op(p);
  const size_t columns = op.patch_floats();
  // TensorFlow's [h, w, out, in] is the 1x1 convolution's [columns, in] as it stands; only codes
  // need decoding.
  std::vector<float> weights(columns * p.in_channels);
  kernel.Visit([&](auto at) {
    for (size_t i = 0; i < weights.size(); ++i) weights[i] = at(i);
  });
  xnn_operator_t gemm = nullptr;
  ML5_RETURN_IF_ERROR(XnnStatus(
      xnn_create_convolution2d_nhwc_f32(
          /*padding=*/0, 0, 0, 0, /*kernel=*/1, 1, /*subsampling=*/1, 1, /*dilation=*/1, 1,
          /*groups=*/1, p.in_channels, columns, p.input_stride(), /*output_channel_stride=*/columns,
          weights.data(), /*bias=*/nullptr, -INFINITY, INFINITY, /*flags=*/0,
          /*code_cache=*/nullptr, /*weights_cache=*/nullptr, &gemm),
      "conv2d_transpose: creating the column GEMM"));
  op.gemm_.reset(gemm);
  op.bias_.assign(p.out_channels, 0.0f);
  if (bias != nullptr) std::copy(bias, bias + p.out_channels, op.bias_.begin());
  op.output_min_ = output_min;
  op.output_max_ = output_max;
  return op;
}

void Conv2DTransposeByColumns::AddPatches(const float* columns, size_t first_row, size_t in_h,
                                          size_t in_w, size_t crop_top, size_t crop_left, size_t oy,
                                          float* image, size_t out_w, size_t stride) const {
  const ConvParams& p = params_;
  const size_t channels = p.out_channels, patch = patch_floats(), patch_row = p.kernel_w * channels;
  const bool dense = stride == channels;
  float* to = image + oy * out_w * stride;
  if (dense) {
    std::memcpy(to, bias_row_.data(), out_w * channels * sizeof(float));
  } else {
    for (size_t ox = 0; ox < out_w; ++ox)
      std::copy(bias_row_.begin(), bias_row_.begin() + channels, to + ox * stride);
  }
  // Input column ix puts its patch row at output x0 = ix * stride_w - crop_left. Inside
  // [first_inside, end_inside) the whole row lands within the output.
  const size_t first_inside = (crop_left + p.stride_w - 1) / p.stride_w;
  const size_t end_inside = std::max(
      first_inside, out_w + crop_left < p.kernel_w
                        ? 0
                        : std::min(in_w, (out_w + crop_left - p.kernel_w) / p.stride_w + 1));
  // Patches of inputs `apart` columns apart do not overlap. Adding them in that order keeps every
  // load clear of the stores just before it, which it would otherwise wait for.
  const size_t apart = (p.kernel_w + p.stride_w - 1) / p.stride_w;
  // Output row oy takes kernel row ky of input row iy where iy * stride_h + ky - crop_top = oy.
  for (size_t ky = 0; ky < p.kernel_h; ++ky) {
    const ptrdiff_t shifted = ptrdiff_t(oy + crop_top) - ptrdiff_t(ky);
    if (shifted < 0 || shifted % ptrdiff_t(p.stride_h) != 0) continue;
    const size_t iy = size_t(shifted) / p.stride_h;
    if (iy >= in_h) continue;
    const float* patches = columns + (iy - first_row) * in_w * patch + ky * patch_row;
    // Rows cut by an edge, and all rows of a strided output, a pixel at a time.
    auto add_clipped = [&](size_t ix) {
      const ptrdiff_t x0 = ptrdiff_t(ix * p.stride_w) - ptrdiff_t(crop_left);
      const size_t kx_begin = size_t(std::max<ptrdiff_t>(0, -x0));
      const size_t kx_end =
          size_t(std::clamp<ptrdiff_t>(ptrdiff_t(out_w) - x0, 0, ptrdiff_t(p.kernel_w)));
      const float* from = patches + ix * patch;
      for (size_t kx = kx_begin; kx < kx_end; ++kx)
        AddFloats(from + kx * channels, to + size_t(x0 + ptrdiff_t(kx)) * stride, channels);
    };
    for (size_t ix = 0; ix < std::min(first_inside, in_w); ++ix) add_clipped(ix);
    for (size_t ix = end_inside; ix < in_w; ++ix) add_clipped(ix);
    if (!dense) {
      for (size_t ix = first_inside; ix < end_inside; ++ix) add_clipped(ix);
      continue;
    }
    // The whole rows, a vector's place in them at a time: long loops of one vector each.
    for (size_t first = first_inside; first < std::min(first_inside + apart, end_inside); ++first) {
      const size_t count = (end_inside - first + apart - 1) / apart;
      const size_t from_step = apart * patch, to_step = apart * p.stride_w * channels;
      const float* from_row = patches + first * patch;
      float* to_row = to + (first * p.stride_w - crop_left) * channels;
      size_t v = 0;
      for (; v + 4 <= patch_row; v += 4) {
        const float* from = from_row + v;
        float* at = to_row + v;
        for (size_t i = 0; i < count; ++i, from += from_step, at += to_step) AddFloats(from, at, 4);
      }
      for (; v < patch_row; ++v) {
        const float* from = from_row + v;
        float* at = to_row + v;
        for (size_t i = 0; i < count; ++i, from += from_step, at += to_step) *at += *from;
      }
    }
  }
  if (output_min_ == -INFINITY && output_max_ == INFINITY) return;
  for (size_t ox = 0; ox < out_w; ++ox)
    for (size_t c = 0; c < channels; ++c) {
      float& v = to[ox * stride + c];
      v = std::min(std::max(v, output_min_), output_max_);
    }
}

size_t Conv2DTransposeByColumns::halo_rows() const {
  return (params_.kernel_h + params_.stride_h - 1) / params_.stride_h - 1;
}

size_t Conv2DTransposeByColumns::band_rows(size_t in_h, size_t in_w) const {
  return std::clamp<size_t>(kBandFloats / std::max<size_t>(1, in_w * patch_floats()), 1, in_h);
}

size_t Conv2DTransposeByColumns::ColumnFloats(size_t in_h, size_t in_w) const {
  return std::min(in_h, band_rows(in_h, in_w) + halo_rows()) * in_w * patch_floats();
}

void Conv2DTransposeByColumns::ReleaseBuffers() {
  columns_.Release();
  workspace_.Release();
}

Status Conv2DTransposeByColumns::Run(const TensorView& input, const TensorView& output,
                                     ThreadPool& pool) {
  const ConvParams& p = params_;
  const Shape& in = input.shape();
  const Shape& out = output.shape();
  ML5_ASSIGN_OR_RETURN(AxisGeometry y, ConvTransposeAxis(in.h, p.kernel_h, p.stride_h, p.padding));
  ML5_ASSIGN_OR_RETURN(AxisGeometry x, ConvTransposeAxis(in.w, p.kernel_w, p.stride_w, p.padding));
  const size_t row_floats = in.w * patch_floats();
  // An output row takes input rows up to `halo` apart. The GEMM runs on bands of input rows whose
  // columns stay in the cache for the col2im that follows; each band keeps the `halo` rows before
  // it for output rows that take rows from both.
  const size_t halo = halo_rows(), band = band_rows(in.h, in.w);
  const size_t floats = ColumnFloats(in.h, in.w);
  float* columns = static_cast<float*>(columns_.Reserve(floats * sizeof(float), 64));
  if (columns == nullptr) {
    return Status::Error("conv2d_transpose: out of memory for " + std::to_string(floats) +
                         " floats of columns");
  }
  if (bias_row_.size() != out.w * p.out_channels) {
    bias_row_.resize(out.w * p.out_channels);
    for (size_t i = 0; i < bias_row_.size(); ++i) bias_row_[i] = bias_[i % p.out_channels];
  }
  // The last input row that output row oy takes (iy * stride_h + ky - before = oy, ky >= 0).
  auto last_input_row = [&](size_t oy) { return std::min(in.h - 1, (oy + y.before) / p.stride_h); };
  // Threads pay off by the whole op's work: a band's GEMM finds them awake after the first.
  const size_t work = in.pixels() * p.kernel_elements();
  for (size_t b = 0; b < in.n; ++b) {
    size_t first_row = 0;  // the input row whose columns start the buffer
    size_t next_out = 0;   // the first output row not yet written
    for (size_t r0 = 0; r0 < in.h; r0 += band) {
      const size_t r1 = std::min(in.h, r0 + band);
      const size_t keep = std::min(halo, r0);
      if (r0 > 0) {
        std::memmove(columns, columns + (r0 - keep - first_row) * row_floats,
                     keep * row_floats * sizeof(float));
      }
      first_row = r0 - keep;
      const TensorView rows(input.data() + (b * in.h + r0) * in.w * input.pixel_stride(),
                            Shape{1, r1 - r0, in.w, in.c}, input.pixel_stride());
      ML5_RETURN_IF_ERROR(RunXnnConvolution("conv2d_transpose columns", gemm_.get(), rows,
                                            columns + keep * row_floats, work, workspace_, pool)
                              .status());
      size_t end = next_out;
      while (end < out.h && (r1 == in.h || last_input_row(end) < r1)) ++end;
      float* image = output.data() + b * out.h * out.w * output.pixel_stride();
      pool.ParallelFor(
          end - next_out,
          [&, next_out](size_t i) {
            AddPatches(columns, first_row, in.h, in.w, y.before, x.before, next_out + i, image,
                       out.w, output.pixel_stride());
          },
          work);
      next_out = end;
    }
  }
  return Status();
}

}  // namespace ml5
