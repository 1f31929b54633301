#include "ops/channel_affine.h"

#include <algorithm>
#include <numeric>
#include <string>

#include "core/float4.h"
namespace ml5 {
namespace {

Status CheckViews(size_t channels, const TensorView& input, const TensorView& output) {
  if (input.shape().c != channels || output.shape() != input.shape()) {
    return Status::Error("channel_affine: expected input and output with " +
                         std::to_string(channels) + " channels and equal shapes, got " +
                         input.shape().ToString() + " and " + output.shape().ToString());
  }
  return Status();
}

// The values repeat over at least this many floats, so that a period is a few vectors.
constexpr size_t kMinPeriod = 64;
// Floats per task: enough to outweigh handing the task to a thread.
constexpr size_t kTaskFloats = 16384;

std::vector<float> Repeated(const std::vector<float>& values, size_t times) {
  std::vector<float> out;
  out.reserve(values.size() * times);
  for (size_t i = 0; i < times; ++i) out.insert(out.end(), values.begin(), values.end());
  return out;
}

}  // namespace

StatusOr<ChannelAffine> ChannelAffine::Create(std::vector<float> scale, std::vector<float> shift) {
  if (scale.empty() || scale.size() != shift.size()) {
    return Status::Error("channel_affine: scale and shift must have the same, positive length");
  }
  // The period: a multiple of both the channels and the vector width.
  size_t repeat = kFloat4Lanes / std::gcd(scale.size(), kFloat4Lanes);
  while (repeat * scale.size() < kMinPeriod) repeat *= 2;
  const size_t channels = scale.size();
  return ChannelAffine(channels, Repeated(scale, repeat), Repeated(shift, repeat));
}

Status ChannelAffine::Run(const TensorView& input, const TensorView& output, ThreadPool& pool) {
  ML5_RETURN_IF_ERROR(CheckViews(channels(), input, output));
  if (!input.dense() || !output.dense()) {
    return Status::Error("channel_affine: input and output must be dense");
  }
  // Dense data starts each period at a pixel's first channel: the repeated values line up.
  const size_t floats = input.shape().elements(), period = scale_.size();
  const size_t periods_per_task = std::max<size_t>(1, kTaskFloats / period);
  const size_t whole = floats / period;
  const float* in = input.data();
  float* out = output.data();
  const float* scale = scale_.data();
  const float* shift = shift_.data();
  pool.ParallelFor((whole + periods_per_task - 1) / periods_per_task,
                   [&](size_t task) {
                     const size_t first = task * periods_per_task;
                     const size_t last = std::min(whole, first + periods_per_task);
                     for (size_t i = first * period; i < last * period; i += period) {
                       for (size_t j = 0; j < period; j += kFloat4Lanes) {
                         StoreFloat4(out + i + j, LoadFloat4(in + i + j) * LoadFloat4(scale + j) +
                                                      LoadFloat4(shift + j));
                       }
                     }
                   },
                   floats);
  for (size_t i = whole * period; i < floats; ++i) {
    const size_t j = i - whole * period;
    out[i] = in[i] * scale[j] + shift[j];
  }
  return Status();
}

}  // namespace ml5
