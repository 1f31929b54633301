#include "ops/instance_norm.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace ml5 {
namespace {

constexpr size_t kLanes = kFloat4Lanes;
constexpr size_t kTile = 16;  // channels per task: one 64-byte cache line
constexpr size_t kVectors = kTile / kLanes;

struct Job {
  const InstanceNormParams* params;
  const float* gamma;
  const float* beta;
  TensorView input;
  TensorView output;
  const ActivatedOutput* second;  // or null
};

// Sums (x - center) or, with kSquared, (x - center)^2 over the image for channels
// [c0, c0 + count). Each float accumulator adds one row only before it is folded into double.
template <bool kSquared>
void SumOverImage(const TensorView& in, size_t n, size_t c0, size_t count, const float* center,
                  double* total) {
  const size_t full = count / kLanes * kLanes;
  for (size_t y = 0; y < in.shape().h; ++y) {
    Float4 row[kVectors] = {};
    float row_tail[kLanes] = {};
    const float* p = &in.at(n, y, 0, c0);
    for (size_t x = 0; x < in.shape().w; ++x, p += in.pixel_stride()) {
      for (size_t v = 0; v < full / kLanes; ++v) {
        Float4 d = LoadFloat4(p + v * kLanes) - LoadFloat4(center + v * kLanes);
        row[v] += kSquared ? d * d : d;
      }
      for (size_t c = full; c < count; ++c) {
        float d = p[c] - center[c];
        row_tail[c - full] += kSquared ? d * d : d;
      }
    }
    for (size_t c = 0; c < full; ++c) total[c] += row[c / kLanes][c % kLanes];
    for (size_t c = full; c < count; ++c) total[c] += row_tail[c - full];
  }
}

// The normalizing pass over channels [c0, c0 + count): activation((x - mean) * scale + shift) to
// the output and, with kTwo, the second output's activation of it to that. A template, so that the
// one-output loop tests nothing per vector.
template <bool kTwo>
void WriteNormalized(const Job& job, size_t n, size_t c0, size_t count, const float* mean,
                     const float* scale, const float* shift) {
  const TensorView& in = job.input;
  const TensorView& out = job.output;
  const TensorView* second = kTwo ? &job.second->view : nullptr;
  const Rectifier a(job.params->activation);
  const Rectifier b(kTwo ? job.second->activation : job.params->activation);
  const size_t full = count / kLanes * kLanes;
  for (size_t y = 0; y < in.shape().h; ++y) {
    const float* p = &in.at(n, y, 0, c0);
    float* q = &out.at(n, y, 0, c0);
    float* r = kTwo ? &second->at(n, y, 0, c0) : nullptr;
    for (size_t x = 0; x < in.shape().w; ++x) {
      for (size_t o = 0; o < full; o += kLanes) {
        const Float4 v = (LoadFloat4(p + o) - LoadFloat4(mean + o)) * LoadFloat4(scale + o) +
                         LoadFloat4(shift + o);
        if (kTwo) StoreFloat4(r + o, b(v));
        StoreFloat4(q + o, a(v));
      }
      for (size_t c = full; c < count; ++c) {
        const float v = (p[c] - mean[c]) * scale[c] + shift[c];
        if (kTwo) r[c] = b(v);
        q[c] = a(v);
      }
      p += in.pixel_stride();
      q += out.pixel_stride();
      if (kTwo) r += second->pixel_stride();
    }
  }
}

void NormalizeTile(void* context, size_t n, size_t tile) {
  const Job& job = *static_cast<const Job*>(context);
  const size_t channels = job.input.shape().c;
  const size_t c0 = tile * kTile;
  const size_t count = std::min(kTile, channels - c0);
  const double pixels = static_cast<double>(job.input.shape().h * job.input.shape().w);

  const float zeros[kTile] = {};
  double sum[kTile] = {};
  SumOverImage<false>(job.input, n, c0, count, zeros, sum);
  float mean[kTile];
  for (size_t c = 0; c < count; ++c) mean[c] = static_cast<float>(sum[c] / pixels);
  // Second pass around the mean: no cancellation, unlike E[x^2] - E[x]^2.
  double squares[kTile] = {};
  SumOverImage<true>(job.input, n, c0, count, mean, squares);

  // (x - mean) * scale + beta: subtracting first keeps precision when |mean| >> std.
  float scale[kTile], shift[kTile];
  for (size_t c = 0; c < count; ++c) {
    double variance = squares[c] / pixels;
    double s = job.gamma[c0 + c] / std::sqrt(variance + job.params->epsilon);
    scale[c] = static_cast<float>(s);
    shift[c] = job.beta[c0 + c];
  }
  if (job.second) {
    WriteNormalized<true>(job, n, c0, count, mean, scale, shift);
  } else {
    WriteNormalized<false>(job, n, c0, count, mean, scale, shift);
  }
}

}  // namespace

Status CheckInstanceNormViews(const InstanceNormParams& params, const TensorView& input,
                              const TensorView& output, const ActivatedOutput* second) {
  if (input.shape().c != params.channels || output.shape() != input.shape()) {
    return Status::Error("instance_norm: expected input and output with " +
                         std::to_string(params.channels) + " channels and equal shapes, got " +
                         input.shape().ToString() + " and " + output.shape().ToString());
  }
  if (second && second->view.shape() != input.shape()) {
    return Status::Error("instance_norm: the second output is " + second->view.shape().ToString() +
                         ", expected the input's shape " + input.shape().ToString());
  }
  return second
             ? CheckRectifier(second->activation, "instance_norm: the second output's activation")
             : Status();
}

StatusOr<InstanceNorm> InstanceNorm::Create(const InstanceNormParams& params, const float* gamma,
                                            const float* beta) {
  if (params.channels == 0) return Status::Error("instance_norm: channels must be positive");
  if (!(params.epsilon >= 0.0f)) return Status::Error("instance_norm: epsilon must be >= 0");
  ML5_RETURN_IF_ERROR(CheckRectifier(params.activation, "instance_norm: a fused activation"));
  std::vector<float> g(params.channels, 1.0f), b(params.channels, 0.0f);
  if (gamma) g.assign(gamma, gamma + params.channels);
  if (beta) b.assign(beta, beta + params.channels);
  return InstanceNorm(params, std::move(g), std::move(b));
}

Status InstanceNorm::Run(const TensorView& input, const TensorView& output, ThreadPool& pool,
                         const ActivatedOutput* second) const {
  ML5_RETURN_IF_ERROR(CheckInstanceNormViews(params_, input, output, second));
  Job job{&params_, gamma_.data(), beta_.data(), input, output, second};
  const size_t tiles = (params_.channels + kTile - 1) / kTile;
  pthreadpool_parallelize_2d(pool.ForWork(input.shape().elements()), NormalizeTile, &job,
                             input.shape().n, tiles, PTHREADPOOL_FLAG_DISABLE_DENORMALS);
  return Status();
}

}  // namespace ml5
