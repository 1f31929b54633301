// The core's bindings: version, threads, heap bytes, tensors and the Conv2D op (web/ops.js).
#include <malloc.h>

#include "bindings/js_values.h"
#include "core/tensor.h"
#include "core/thread_pool.h"
#include "core/version.h"
#include "ops/conv2d.h"
#include "ops/thread_calibration.h"

namespace ml5::js {
namespace {

val CreateTensor(const val& dims) { return ToJs(Tensor::Create(ShapeFromJs(dims))); }
val TensorData(const Tensor& t) {
  return val(emscripten::typed_memory_view(t.elements(), t.data()));
}
val TensorShape(const Tensor& t) { return ShapeToJs(t.shape()); }

val CreateConv2D(const Conv2DParams& params, const val& kernel, const val& bias) {
  std::vector<float> k = FloatsFromJs(kernel);
  std::vector<float> b =
      bias.isNull() || bias.isUndefined() ? std::vector<float>() : FloatsFromJs(bias);
  size_t expected = params.kernel_h * params.kernel_w * params.in_channels * params.out_channels;
  if (k.size() != expected || (!b.empty() && b.size() != params.out_channels)) {
    return ErrorValue("conv2d: expected " + std::to_string(expected) + " kernel and " +
                      std::to_string(params.out_channels) + " bias values, got " +
                      std::to_string(k.size()) + " and " + std::to_string(b.size()));
  }
  return ToJs(Conv2D::Create(params, k.data(), b.empty() ? nullptr : b.data()));
}
val Conv2DOutputShape(const Conv2D& op, const val& dims) {
  StatusOr<Shape> shape = op.OutputShape(ShapeFromJs(dims));
  return shape.ok() ? ShapeToJs(*shape) : ErrorValue(shape.status());
}
val RunConv2D(Conv2D& op, const Tensor& input, const Tensor& output) {
  return ToJs(op.Run(input.view(), output.view(), ThreadPool::Shared()));
}

val SetThreads(size_t threads) { return ToJs(ThreadPool::Shared().SetThreads(threads)); }
// Times `counts` (a JS array) on the shared pool: {threads: the count to use, timings: [{threads,
// ms}]}. The pool is left at counts[0].
val TimeThreadCounts(const val& counts, size_t repeats) {
  auto timings = ml5::TimeThreadCounts(ThreadPool::Shared(),
                                       emscripten::vecFromJSArray<size_t>(counts), repeats);
  if (!timings.ok()) return ErrorValue(timings.status());
  val rows = val::array();
  for (const ThreadTiming& t : *timings) {
    val row = val::object();
    row.set("threads", t.threads);
    row.set("ms", t.median_ms);
    rows.call<void>("push", row);
  }
  val result = val::object();
  result.set("threads", FastestThreadCount(*timings));
  result.set("timings", rows);
  return result;
}
size_t GetThreads() { return ThreadPool::Shared().threads(); }
void SetCallerOnly(bool caller_only) { ThreadPool::Shared().set_caller_only(caller_only); }
bool HasThreads() {
#ifdef __EMSCRIPTEN_PTHREADS__
  return true;
#else
  return false;
#endif
}
std::string Version() { return kVersion; }

// Allocator figures for leak tests and the benchmark's peak heap.
val MemoryStats() {
  const struct mallinfo info = mallinfo();
  val stats = val::object();
  stats.set("inUse", static_cast<double>(info.uordblks));   // bytes in live allocations
  stats.set("peak", static_cast<double>(info.usmblks));     // most bytes the heap ever spanned
  stats.set("footprint", static_cast<double>(info.arena));  // bytes the heap spans now
  return stats;
}

}  // namespace

EMSCRIPTEN_BINDINGS(ml5_core) {
  using namespace emscripten;
  function("version", &Version);
  function("hasThreads", &HasThreads);
  function("getThreads", &GetThreads);
  function("setThreads", &SetThreads);
  function("setCallerOnly", &SetCallerOnly);
  function("timeThreadCounts", &TimeThreadCounts);
  function("memoryStats", &MemoryStats);

  class_<HeapBytes>("HeapBytes")
      .class_function("create", &HeapBytes::Create)
      .function("view", &HeapBytes::View)
      .function("size", &HeapBytes::size);

  class_<Tensor>("Tensor")
      .class_function("create", &CreateTensor)
      .function("data", &TensorData)
      .function("shape", &TensorShape);

  enum_<Padding>("Padding").value("same", Padding::kSame).value("valid", Padding::kValid);
  enum_<Activation::Kind>("ActivationKind")
      .value("linear", Activation::Kind::kLinear)
      .value("relu", Activation::Kind::kRelu)
      .value("leakyRelu", Activation::Kind::kLeakyRelu)
      .value("tanh", Activation::Kind::kTanh)
      .value("sigmoid", Activation::Kind::kSigmoid);
  value_object<Activation>("Activation")
      .field("kind", &Activation::kind)
      .field("negativeSlope", &Activation::negative_slope);
  value_object<Conv2DParams>("Conv2DParams")
      .field("kernelH", &Conv2DParams::kernel_h)
      .field("kernelW", &Conv2DParams::kernel_w)
      .field("strideH", &Conv2DParams::stride_h)
      .field("strideW", &Conv2DParams::stride_w)
      .field("inChannels", &Conv2DParams::in_channels)
      .field("outChannels", &Conv2DParams::out_channels)
      .field("padding", &Conv2DParams::padding)
      .field("activation", &Conv2DParams::activation)
      .field("inputPixelStride", &Conv2DParams::input_pixel_stride)
      .field("outputPixelStride", &Conv2DParams::output_pixel_stride);
  class_<Conv2D>("Conv2D")
      .class_function("create", &CreateConv2D)
      .function("outputShape", &Conv2DOutputShape)
      .function("run", &RunConv2D);
}

}  // namespace ml5::js
