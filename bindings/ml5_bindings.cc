// embind glue: translates JS values to core types and back, nothing more.
// A failed Status comes back as a JS Error *value* (web/core.js throws it): throwing from C++
// would unwind past C++ frames without destructors and leak what they own.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>
#include <vector>

#include "core/tensor.h"
#include "core/thread_pool.h"
#include "core/version.h"
#include "ops/conv2d.h"

using emscripten::val;

namespace {

val ErrorValue(const ml5::Status& status) { return val::global("Error").new_(status.message()); }

template <typename T>
val ToJs(ml5::StatusOr<T> result) {
  if (!result.ok()) return ErrorValue(result.status());
  return val(std::move(result).value());
}

val ToJs(const ml5::Status& status) { return status.ok() ? val::undefined() : ErrorValue(status); }

ml5::Shape ShapeFromJs(const val& dims) {
  std::vector<size_t> d = emscripten::vecFromJSArray<size_t>(dims);
  d.resize(4, 0);
  return ml5::Shape{d[0], d[1], d[2], d[3]};
}

val ShapeToJs(const ml5::Shape& s) {
  val dims = val::array();
  for (size_t d : {s.n, s.h, s.w, s.c}) dims.call<void>("push", d);
  return dims;
}

std::vector<float> FloatsFromJs(const val& array) {
  return emscripten::convertJSArrayToNumberVector<float>(array);
}

val CreateTensor(const val& dims) { return ToJs(ml5::Tensor::Create(ShapeFromJs(dims))); }
val TensorData(const ml5::Tensor& t) {
  return val(emscripten::typed_memory_view(t.elements(), t.data()));
}
val TensorShape(const ml5::Tensor& t) { return ShapeToJs(t.shape()); }

val CreateConv2D(const ml5::Conv2DParams& params, const val& kernel, const val& bias) {
  std::vector<float> k = FloatsFromJs(kernel);
  std::vector<float> b =
      bias.isNull() || bias.isUndefined() ? std::vector<float>() : FloatsFromJs(bias);
  size_t expected = params.kernel_h * params.kernel_w * params.in_channels * params.out_channels;
  if (k.size() != expected || (!b.empty() && b.size() != params.out_channels)) {
    return ErrorValue(ml5::Status::Error("conv2d: expected " + std::to_string(expected) +
                                         " kernel and " + std::to_string(params.out_channels) +
                                         " bias values, got " + std::to_string(k.size()) + " and " +
                                         std::to_string(b.size())));
  }
  return ToJs(ml5::Conv2D::Create(params, k.data(), b.empty() ? nullptr : b.data()));
}
val Conv2DOutputShape(const ml5::Conv2D& op, const val& dims) {
  ml5::StatusOr<ml5::Shape> shape = op.OutputShape(ShapeFromJs(dims));
  return shape.ok() ? ShapeToJs(*shape) : ErrorValue(shape.status());
}
val RunConv2D(ml5::Conv2D& op, const ml5::Tensor& input, const ml5::Tensor& output) {
  return ToJs(op.Run(input.view(), output.view(), ml5::ThreadPool::Shared()));
}

val SetThreads(size_t threads) { return ToJs(ml5::ThreadPool::Shared().SetThreads(threads)); }
size_t GetThreads() { return ml5::ThreadPool::Shared().threads(); }
bool HasThreads() {
#ifdef __EMSCRIPTEN_PTHREADS__
  return true;
#else
  return false;
#endif
}
std::string Version() { return ml5::kVersion; }

}  // namespace

EMSCRIPTEN_BINDINGS(ml5_core) {
  using namespace emscripten;
  function("version", &Version);
  function("hasThreads", &HasThreads);
  function("getThreads", &GetThreads);
  function("setThreads", &SetThreads);

  class_<ml5::Tensor>("Tensor")
      .class_function("create", &CreateTensor)
      .function("data", &TensorData)
      .function("shape", &TensorShape);

  enum_<ml5::Padding>("Padding")
      .value("same", ml5::Padding::kSame)
      .value("valid", ml5::Padding::kValid);
  enum_<ml5::Activation::Kind>("ActivationKind")
      .value("linear", ml5::Activation::Kind::kLinear)
      .value("relu", ml5::Activation::Kind::kRelu)
      .value("leakyRelu", ml5::Activation::Kind::kLeakyRelu)
      .value("tanh", ml5::Activation::Kind::kTanh)
      .value("sigmoid", ml5::Activation::Kind::kSigmoid);
  value_object<ml5::Activation>("Activation")
      .field("kind", &ml5::Activation::kind)
      .field("negativeSlope", &ml5::Activation::negative_slope);
  value_object<ml5::Conv2DParams>("Conv2DParams")
      .field("kernelH", &ml5::Conv2DParams::kernel_h)
      .field("kernelW", &ml5::Conv2DParams::kernel_w)
      .field("strideH", &ml5::Conv2DParams::stride_h)
      .field("strideW", &ml5::Conv2DParams::stride_w)
      .field("inChannels", &ml5::Conv2DParams::in_channels)
      .field("outChannels", &ml5::Conv2DParams::out_channels)
      .field("padding", &ml5::Conv2DParams::padding)
      .field("activation", &ml5::Conv2DParams::activation)
      .field("inputPixelStride", &ml5::Conv2DParams::input_pixel_stride)
      .field("outputPixelStride", &ml5::Conv2DParams::output_pixel_stride);
  class_<ml5::Conv2D>("Conv2D")
      .class_function("create", &CreateConv2D)
      .function("outputShape", &Conv2DOutputShape)
      .function("run", &RunConv2D);
}
