#include "ops/conv2d_transpose_phases.h"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>

#include "core/float4.h"
#include "ops/conv2d.h"
#include "ops/padding.h"

namespace ml5 {
namespace {

// One phase along one axis. Output index q * stride + phase sums input[q + c - j] *
// kernel[offset + j * stride] over the taps j, with c = (phase + crop) / stride: an ordinary
// convolution over the input with the taps reversed and `before` = taps - 1 - c zeros in front.
struct PhaseAxis {
  size_t taps = 0;
  size_t kernel_offset = 0;
  size_t before = 0;
  size_t after = 0;
};

// The phases of one axis, or an empty vector when the stride does not divide the kernel.
std::vector<PhaseAxis> PhaseAxes(size_t kernel, size_t stride, Padding padding) {
  if (kernel % stride != 0) return {};
  StatusOr<AxisGeometry> one = ConvTransposeAxis(1, kernel, stride, padding);
  if (!one.ok() || one->output % stride != 0) return {};
  const size_t taps = kernel / stride;
  // Outputs per phase minus inputs: the same for every input size (0 for 'same').
  const ptrdiff_t extra = ptrdiff_t(one->output / stride) - 1;
  std::vector<PhaseAxis> axes;
  for (size_t phase = 0; phase < stride; ++phase) {
    const size_t shifted = phase + one->before;
    const ptrdiff_t before = ptrdiff_t(taps) - 1 - ptrdiff_t(shifted / stride);
    const ptrdiff_t after = extra - before + ptrdiff_t(taps) - 1;
    if (before < 0 || after < 0) return {};
    axes.push_back({taps, shifted % stride, size_t(before), size_t(after)});
  }
  return axes;
}

// Copies `count` floats, whole vectors first: pix2pix's narrow decoders copy 8 or 16 floats per
// pixel, for which a memcpy call costs more than the copy.
void CopyFloats(const float* from, float* to, size_t count) {
  size_t i = 0;
  for (; i + 4 <= count; i += 4) StoreFloat4(to + i, LoadFloat4(from + i));
  for (; i < count; ++i) to[i] = from[i];
}

}  // namespace

StatusOr<std::optional<Conv2DTransposeByPhases>> Conv2DTransposeByPhases::Create(
    const ConvParams& p, WeightValues kernel, const float* bias, float output_min,
    float output_max) {
  const std::vector<PhaseAxis> ys = PhaseAxes(p.kernel_h, p.stride_h, p.padding);
  const std::vector<PhaseAxis> xs = PhaseAxes(p.kernel_w, p.stride_w, p.padding);
  if (ys.empty() || xs.empty()) return {std::nullopt};
  if (kernel.missing()) return Status::Error("conv2d_transpose: kernel weights are missing");

  Conv2DTransposeByPhases op(p);
  const size_t phase_count = p.stride_h * p.stride_w;
  for (const PhaseAxis& y : ys) {
    for (const PhaseAxis& x : xs) {
      // [out, taps_y, taps_x, in] from TensorFlow's [h, w, out, in], taps reversed.
      std::vector<float> ohwi(p.out_channels * y.taps * x.taps * p.in_channels);
      kernel.Visit([&](auto at) {
        float* to = ohwi.data();
        for (size_t o = 0; o < p.out_channels; ++o)
          for (size_t u = 0; u < y.taps; ++u)
            for (size_t v = 0; v < x.taps; ++v) {
              const size_t ky = y.kernel_offset + (y.taps - 1 - u) * p.stride_h;
              const size_t kx = x.kernel_offset + (x.taps - 1 - v) * p.stride_w;
              const size_t from = ((ky * p.kernel_w + kx) * p.out_channels + o) * p.in_channels;
              for (size_t i = 0; i < p.in_channels; ++i) *to++ = at(from + i);
            }
      });
      xnn_operator_t phase = nullptr;
      ML5_RETURN_IF_ERROR(XnnStatus(
          xnn_create_convolution2d_nhwc_f32(
              y.before, x.after, y.after, x.before, y.taps, x.taps, /*subsampling=*/1, 1,
              /*dilation=*/1, 1, /*groups=*/1, p.in_channels, p.out_channels, p.input_stride(),
              /*output_channel_stride=*/phase_count * p.out_channels, ohwi.data(), bias, output_min,
              output_max, /*flags=*/0, /*code_cache=*/nullptr,
              /*weights_cache=*/nullptr, &phase),
          "conv2d_transpose: creating a phase convolution"));
      op.phases_.emplace_back(phase);
    }
  }
  return std::optional<Conv2DTransposeByPhases>(std::move(op));
}

void Conv2DTransposeByPhases::ReleaseBuffers() {
  phases_buffer_.Release();
  workspace_.Release();
  for (XnnOperator& phase : phases_) {
    ShrinkXnnConvolution(phase.get(), params_.kernel_h, params_.kernel_w);
  }
}

Status Conv2DTransposeByPhases::Run(const TensorView& input, const TensorView& output,
                                    ThreadPool& pool) {
  const ConvParams& p = params_;
  const Shape& out = output.shape();
  const size_t sh = p.stride_h, sw = p.stride_w, channels = p.out_channels;
  const size_t phase_h = out.h / sh, phase_w = out.w / sw, phase_count = sh * sw;
  if (out.h % sh || out.w % sw) {  // phase forms give multiples of the stride: never here
    return Status::Error("conv2d_transpose: a phase output of " + out.ToString() +
                         " is not a multiple of the stride");
  }
  const size_t floats = out.n * out.h * out.w * channels;
  float* phases = static_cast<float*>(phases_buffer_.Reserve(floats * sizeof(float), 64));
  if (phases == nullptr) {
    return Status::Error("conv2d_transpose: out of memory for " + std::to_string(floats) +
                         " floats of phase outputs");
  }
  for (size_t i = 0; i < phase_count; ++i) {
    ML5_ASSIGN_OR_RETURN(
        auto size,
        RunXnnConvolution("conv2d_transpose phase", phases_[i].get(), input, phases + i * channels,
                          input.shape().pixels() * p.kernel_elements() / phase_count, workspace_,
                          pool));
    if (size.first != phase_h || size.second != phase_w) {
      return Status::Error("conv2d_transpose: a phase gives " + std::to_string(size.first) + "x" +
                           std::to_string(size.second) + ", expected " + std::to_string(phase_h) +
                           "x" + std::to_string(phase_w));
    }
  }
  // Output pixel (q_y * sh + phase_y, q_x * sw + phase_x) is phase (phase_y, phase_x) of
  // buffer pixel (q_y, q_x).
  float* to = output.data();
  const size_t stride = output.pixel_stride();
  pool.ParallelFor(out.n * out.h, [&](size_t row) {
    const size_t b = row / out.h, y = row % out.h;
    const float* from =
        phases + ((b * phase_h + y / sh) * phase_w * phase_count + (y % sh) * sw) * channels;
    float* to_pixel = to + row * out.w * stride;
    for (size_t q = 0; q < phase_w; ++q, from += phase_count * channels)
      for (size_t x = 0; x < sw; ++x, to_pixel += stride)
        CopyFloats(from + x * channels, to_pixel, channels);
  });
  return Status();
}

}  // namespace ml5
