// GFLOP/s of the pix2pix-sized convolution and transposed convolutions (a middle decoder, and
// the last one, to 3 channels, from ngf 8's 16 and ngf 32's 64), with 1 and 2 threads,
// and in the relaxed-SIMD build the one-thread peak of f32x4.relaxed_madd (a loop of
// independent fused multiply-adds), to set the convolutions against.
// Prints one JSON line per measurement (median of the timed runs after warm-up).
//   ml5_op_bench [runs] [peak]     (peak: only the multiply-add peak)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <type_traits>
#include <vector>

#if defined(__wasm_relaxed_simd__)
#include <wasm_simd128.h>
#endif

#include "core/thread_pool.h"
#include "ops/conv2d.h"
#include "ops/conv2d_transpose.h"

namespace {

using Clock = std::chrono::steady_clock;

template <typename Op>
double MedianMs(Op& op, const ml5::Tensor& in, const ml5::Tensor& out, ml5::ThreadPool& pool,
                int runs) {
  for (int i = 0; i < 2; ++i) (void)op.Run(in.view(), out.view(), pool);
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    auto start = Clock::now();
    ml5::Status status = op.Run(in.view(), out.view(), pool);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    if (!status.ok()) {
      std::fprintf(stderr, "%s\n", status.message().c_str());
      std::exit(1);
    }
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

template <typename Op, typename Params>
void Measure(const char* name, const Params& p, ml5::Shape in_shape, int runs) {
  std::vector<float> kernel(p.kernel_h * p.kernel_w * p.in_channels * p.out_channels, 0.01f);
  std::vector<float> bias(p.out_channels, 0.0f);
  auto op = Op::Create(p, kernel.data(), bias.data());
  auto out_shape = op->OutputShape(in_shape);
  auto in = ml5::Tensor::Create(in_shape);
  auto out = ml5::Tensor::Create(*out_shape);
  const double flops = ml5::ConvFlops(p, *out_shape, std::is_same_v<Op, ml5::Conv2DTranspose>);
  for (size_t threads : {1, 2}) {
    ml5::ThreadPool pool(1);
    if (!pool.SetThreads(threads).ok()) continue;
    double ms = MedianMs(*op, *in, *out, pool, runs);
    std::printf(
        "{\"op\": \"%s\", \"input\": \"%s\", \"output\": \"%s\", \"threads\": %zu, "
        "\"median_ms\": %.3f, \"gflops\": %.1f, \"runs\": %d}\n",
        name, in_shape.ToString().c_str(), out_shape->ToString().c_str(), threads, ms,
        flops / ms / 1e6, runs);
  }
}

#if defined(__wasm_relaxed_simd__)
constexpr int kAccumulators = 12;  // independent chains, enough to hide the latency

// f32x4.relaxed_madd is one fused instruction where the CPU has FMA.
__attribute__((noinline)) void MultiplyAdd(v128_t* acc, v128_t a, v128_t b, int iterations) {
  v128_t x[kAccumulators];
  for (int i = 0; i < kAccumulators; ++i) x[i] = acc[i];
  for (int it = 0; it < iterations; ++it) {
    for (int i = 0; i < kAccumulators; ++i) {
      x[i] = wasm_f32x4_relaxed_madd(x[i], a, b);
    }
  }
  for (int i = 0; i < kAccumulators; ++i) acc[i] = x[i];
}

// One thread's multiply-add peak. MultiplyAdd is called many times: engines compile a wasm
// function with their optimizing tier only for its later calls.
void MeasurePeak(int runs) {
  constexpr int kIterations = 1 << 14, kCalls = 256;
  v128_t acc[kAccumulators];
  for (int i = 0; i < kAccumulators; ++i) acc[i] = wasm_f32x4_splat(0.001f * i);
  // Factors read through volatile, so that the compiler cannot fold the chains.
  volatile float factor = 0.999f, term = 0.0001f;
  const v128_t a = wasm_f32x4_splat(factor), b = wasm_f32x4_splat(term);
  std::vector<double> ms;
  for (int run = 0; run < runs + 2; ++run) {
    auto start = Clock::now();
    for (int call = 0; call < kCalls; ++call) MultiplyAdd(acc, a, b, kIterations);
    if (run >= 2)
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  float sink = 0;
  for (int i = 0; i < kAccumulators; ++i) sink += wasm_f32x4_extract_lane(acc[i], 0);
  std::sort(ms.begin(), ms.end());
  const double flops = 2.0 * 4 * kAccumulators * kIterations * static_cast<double>(kCalls);
  const char* name = "peak f32x4.relaxed_madd";
  std::printf(
      "{\"op\": \"%s\", \"threads\": 1, \"median_ms\": %.3f, \"gflops\": %.1f, "
      "\"runs\": %d, \"sink\": %g}\n",
      name, ms[ms.size() / 2], flops / ms[ms.size() / 2] / 1e6, runs, sink);
}
#endif

}  // namespace

int main(int argc, char** argv) {
  int runs = argc > 1 ? std::atoi(argv[1]) : 9;
#if defined(__wasm_relaxed_simd__)
  if (argc > 2 && std::string(argv[2]) == "peak") {
    MeasurePeak(runs);
    return 0;
  }
#endif
  ml5::Conv2DParams conv;
  conv.kernel_h = conv.kernel_w = 4;
  conv.stride_h = conv.stride_w = 2;
  conv.in_channels = 64;
  conv.out_channels = 128;
  Measure<ml5::Conv2D>("conv2d 4x4/2", conv, {1, 128, 128, 64}, runs);

  ml5::Conv2DTransposeParams deconv;
  deconv.kernel_h = deconv.kernel_w = 4;
  deconv.stride_h = deconv.stride_w = 2;
  deconv.in_channels = 256;
  deconv.out_channels = 64;
  Measure<ml5::Conv2DTranspose>("conv2d_transpose 4x4/2", deconv, {1, 64, 64, 256}, runs);
  deconv.out_channels = 3;  // pix2pix's last layer: run by columns (conv2d_transpose_columns.h)
  for (size_t in : {16, 64}) {
    deconv.in_channels = in;
    Measure<ml5::Conv2DTranspose>("conv2d_transpose 4x4/2", deconv, {1, 128, 128, in}, runs);
  }
#if defined(__wasm_relaxed_simd__)
  MeasurePeak(runs);
#endif
  return 0;
}
