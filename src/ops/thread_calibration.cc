#include "ops/thread_calibration.h"

#include <algorithm>
#include <chrono>

#include "core/tensor.h"
#include "ops/fully_connected.h"

namespace ml5 {
namespace {

constexpr size_t kInChannels = 256;
constexpr size_t kOutChannels = 128;
constexpr double kWarmupMs = 4;
constexpr size_t kMaxWarmupRuns = 50;

double MsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

}  // namespace

StatusOr<std::vector<ThreadTiming>> TimeThreadCounts(ThreadPool& pool,
                                                     const std::vector<size_t>& counts,
                                                     size_t repeats) {
  if (counts.empty() || repeats == 0) return Status::Error("thread calibration: nothing to time");
  std::vector<float> kernel(kInChannels * kOutChannels);
  for (size_t i = 0; i < kernel.size(); i++) kernel[i] = static_cast<float>(i % 7) * 0.01f;
  FullyConnectedParams params;
  params.in_channels = kInChannels;
  params.out_channels = kOutChannels;
  ML5_ASSIGN_OR_RETURN(FullyConnected gemm,
                       FullyConnected::Create(params, kernel.data(), /*bias=*/nullptr));
  ML5_ASSIGN_OR_RETURN(Tensor input, Tensor::Create(Shape{1, 32, 32, kInChannels}));
  ML5_ASSIGN_OR_RETURN(Tensor output, Tensor::Create(Shape{1, 32, 32, kOutChannels}));

  std::vector<ThreadTiming> timings;
  for (size_t threads : counts) {
    ML5_RETURN_IF_ERROR(pool.SetThreads(threads));
    const auto warmup = std::chrono::steady_clock::now();
    for (size_t run = 0; run == 0 || (MsSince(warmup) < kWarmupMs && run < kMaxWarmupRuns); run++) {
      ML5_RETURN_IF_ERROR(gemm.Run(input.view(), output.view(), pool));
    }
    std::vector<double> times;
    for (size_t run = 0; run < repeats; run++) {
      const auto start = std::chrono::steady_clock::now();
      ML5_RETURN_IF_ERROR(gemm.Run(input.view(), output.view(), pool));
      times.push_back(MsSince(start));
    }
    std::nth_element(times.begin(), times.begin() + times.size() / 2, times.end());
    timings.push_back({threads, times[times.size() / 2]});
  }
  ML5_RETURN_IF_ERROR(pool.SetThreads(counts[0]));
  return timings;
}

size_t FastestThreadCount(const std::vector<ThreadTiming>& timings, double slack) {
  if (timings.empty()) return 1;
  double fastest = timings[0].median_ms;
  for (const ThreadTiming& t : timings) fastest = std::min(fastest, t.median_ms);
  size_t best = 0;
  for (const ThreadTiming& t : timings) {
    if (t.median_ms <= fastest * (1 + slack) && (best == 0 || t.threads < best)) best = t.threads;
  }
  return best;
}

}  // namespace ml5
