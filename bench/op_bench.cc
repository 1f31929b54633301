// GFLOP/s of the pix2pix-sized convolution and transposed convolution, with 1 and 2 threads.
// Prints one JSON line per measurement (median of the timed runs after warm-up).
//   ml5_op_bench [runs]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <type_traits>
#include <vector>

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

}  // namespace

int main(int argc, char** argv) {
  int runs = argc > 1 ? std::atoi(argv[1]) : 9;
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
  return 0;
}
