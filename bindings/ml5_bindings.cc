// embind glue: translates JS values to core types and back, nothing more.
// A failed Status comes back as a JS Error *value* (web/loader.js check() throws it): throwing from
// C++ would unwind past C++ frames without destructors and leak what they own.
#include <emscripten/bind.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/tensor.h"
#include "core/thread_pool.h"
#include "core/version.h"
#include "image/decode.h"
#include "image/line_art.h"
#include "image/pixels.h"
#include "image/png.h"
#include "models/cvae.h"
#include "models/pix2pix_transfer.h"
#include "ops/conv2d.h"
#include "ops/thread_calibration.h"
#include "pix2pix/pict.h"
#include "tfjs/model_json.h"

using emscripten::val;

namespace {

val ErrorValue(const ml5::Status& status) { return val::global("Error").new_(status.message()); }

// Bytes in wasm memory that JS fills through view() (web/heap.js). Passing a Uint8Array as a
// std::string would copy it one byte at a time in JS: ~300 ms for a 13.6 MB .pict.
class HeapBytes {
 public:
  // An Error value, not an abort, when wasm memory is exhausted.
  static val Create(size_t size) {
    void* data = std::malloc(size ? size : 1);
    if (!data) {
      return ErrorValue(ml5::Status::Error("out of memory: could not allocate " +
                                           std::to_string(size) + " bytes in wasm memory"));
    }
    return val(HeapBytes(static_cast<uint8_t*>(data), size));
  }
  val View() const { return val(emscripten::typed_memory_view(size_, data_.get())); }
  const uint8_t* data() const { return data_.get(); }
  uint8_t* mutable_data() { return data_.get(); }
  size_t size() const { return size_; }
  std::string_view str() const { return {reinterpret_cast<const char*>(data_.get()), size_}; }

 private:
  struct Free {
    void operator()(uint8_t* p) const { std::free(p); }
  };
  HeapBytes(uint8_t* data, size_t size) : data_(data), size_(size) {}
  std::unique_ptr<uint8_t, Free> data_;
  size_t size_;
};

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

// A JS array of strings.
val StringsToJs(const std::vector<std::string>& strings) {
  val array = val::array();
  for (const std::string& s : strings) array.call<void>("push", s);
  return array;
}

// A copy of wasm memory as a new JS typed array (heap views die when memory grows).
template <typename T>
val CopyToJs(const T* data, size_t count) {
  return val(emscripten::typed_memory_view(count, data)).call<val>("slice");
}

val ModelShardPaths(const std::string& model_json, const std::string& file) {
  ml5::StatusOr<ml5::tfjs::ModelSpec> spec = ml5::tfjs::ParseModelJson(model_json, file);
  return spec.ok() ? StringsToJs(spec->ShardPaths()) : ErrorValue(spec.status());
}

val ParseCvaeManifest(const std::string& text, const std::string& file) {
  ml5::StatusOr<ml5::CvaeManifest> manifest = ml5::ParseCvaeManifest(text, file);
  if (!manifest.ok()) return ErrorValue(manifest.status());
  val result = val::object();
  result.set("model", manifest->model);
  result.set("labels", StringsToJs(manifest->labels));
  return result;
}

// files: {manifest, manifestFile, modelJson, modelFile, shardSizes}; shards: the weight shards
// back to back, in ModelShardPaths() order.
val LoadCvae(const val& files, const HeapBytes& shards, size_t max_weights) {
  const std::string manifest_file = files["manifestFile"].as<std::string>();
  const std::string model_file = files["modelFile"].as<std::string>();
  ml5::StatusOr<ml5::CvaeManifest> manifest =
      ml5::ParseCvaeManifest(files["manifest"].as<std::string>(), manifest_file);
  if (!manifest.ok()) return ErrorValue(manifest.status());
  std::vector<std::string_view> views;
  size_t offset = 0;
  for (size_t size : emscripten::vecFromJSArray<size_t>(files["shardSizes"])) {
    if (size > shards.size() - offset) {
      return ErrorValue(ml5::Status::Error("cvae: the shard sizes exceed the bytes given"));
    }
    views.push_back(shards.str().substr(offset, size));
    offset += size;
  }
  return ToJs(ml5::Cvae::Load(std::move(*manifest), files["modelJson"].as<std::string>(), views,
                              model_file, max_weights));
}

val CvaeLabels(const ml5::Cvae& cvae) { return StringsToJs(cvae.labels()); }
val CvaeOutputDims(const ml5::Cvae& cvae) {
  val dims = val::array();
  for (int64_t d : cvae.output_dims()) dims.call<void>("push", static_cast<double>(d));
  return dims;
}

// -> {output: Float32Array (count*h*w*c), rgba: Uint8Array (count*h*w*4)}
val CvaeGenerate(ml5::Cvae& cvae, const val& latents, const val& label_weights, size_t count) {
  std::vector<float> z = FloatsFromJs(latents), labels = FloatsFromJs(label_weights);
  if (count == 0 || z.size() != count * cvae.latent_size() ||
      labels.size() != count * cvae.labels().size()) {
    return ErrorValue(ml5::Status::Error("cvae: expected " + std::to_string(count) + " x " +
                                         std::to_string(cvae.latent_size()) +
                                         " latent values and " + std::to_string(count) + " x " +
                                         std::to_string(cvae.labels().size()) + " label weights"));
  }
  ml5::StatusOr<ml5::TensorView> images =
      cvae.Generate(z.data(), labels.data(), count, ml5::ThreadPool::Shared());
  if (!images.ok()) return ErrorValue(images.status());
  const ml5::Shape& shape = images->shape();
  std::vector<uint8_t> rgba(shape.pixels() * 4);
  for (size_t i = 0; i < count; ++i) {
    ml5::Status status = ml5::ToRgbaRound255(*images, i, rgba.data() + i * shape.h * shape.w * 4);
    if (!status.ok()) return ErrorValue(status);
  }
  val result = val::object();
  result.set("output", CopyToJs(images->data(), shape.elements()));
  result.set("rgba", CopyToJs(rgba.data(), rgba.size()));
  return result;
}

val EncodePng(const HeapBytes& rgba, size_t width, size_t height) {
  if (rgba.size() != width * height * 4) {
    return ErrorValue(ml5::Status::Error("png: expected " + std::to_string(width * height * 4) +
                                         " RGBA bytes, got " + std::to_string(rgba.size())));
  }
  ml5::StatusOr<std::vector<uint8_t>> png = ml5::EncodePng(rgba.data(), width, height);
  return png.ok() ? CopyToJs(png->data(), png->size()) : ErrorValue(png.status());
}

// options: {encoderBias, maxWeights}
val LoadPix2Pix(const HeapBytes& bytes, const std::string& file, const val& options) {
  ml5::StatusOr<ml5::PictFile> pict =
      ml5::PictFile::Parse(bytes.str(), file, options["maxWeights"].as<size_t>());
  if (!pict.ok()) return ErrorValue(pict.status());
  ml5::StatusOr<ml5::Pix2Pix> model = ml5::Pix2Pix::Create(
      *pict, {options["encoderBias"].as<bool>()}, file, ml5::ThreadPool::Shared());
  if (!model.ok()) return ErrorValue(model.status());
  return val(ml5::Pix2PixTransfer(std::move(*model)));
}

// options: {workWidth, workHeight, background: [r, g, b] | null, maxPixels}
// -> {output: Float32Array (h*w*3, in [0, 1]), rgba: Uint8Array (h*w*4)}
val Pix2PixTransfer(ml5::Pix2PixTransfer& p, const HeapBytes& rgba, size_t width, size_t height,
                    const val& options) {
  if (rgba.size() != width * height * 4) {
    return ErrorValue(ml5::Status::Error("pix2pix: expected " + std::to_string(width * height * 4) +
                                         " RGBA bytes for " + std::to_string(width) + "x" +
                                         std::to_string(height) + ", got " +
                                         std::to_string(rgba.size())));
  }
  ml5::TransferOptions o;
  o.work_width = options["workWidth"].as<size_t>();
  o.work_height = options["workHeight"].as<size_t>();
  const val background = options["background"];
  if (!background.isNull() && !background.isUndefined()) {
    o.background = std::array<uint8_t, 3>{background[0].as<uint8_t>(), background[1].as<uint8_t>(),
                                          background[2].as<uint8_t>()};
  }
  o.max_pixels = options["maxPixels"].as<size_t>();
  ml5::StatusOr<ml5::TransferResult> out =
      p.Transfer(rgba.data(), width, height, o, ml5::ThreadPool::Shared());
  if (!out.ok()) return ErrorValue(out.status());
  val result = val::object();
  result.set("output", CopyToJs(out->image.data(), out->image.shape().elements()));
  result.set("rgba", CopyToJs(out->rgba, width * height * 4));
  return result;
}
size_t Pix2PixNgf(const ml5::Pix2PixTransfer& p) { return p.model().ngf(); }

// Replaces the RGBA bytes with their line drawing, in place. options: {threshold?, radius?};
// absent ones keep LineArtOptions' defaults.
val LineArt(HeapBytes& rgba, size_t width, size_t height, const val& options) {
  if (rgba.size() != width * height * 4) {
    return ErrorValue(ml5::Status::Error("lineArt: expected " + std::to_string(width * height * 4) +
                                         " RGBA bytes, got " + std::to_string(rgba.size())));
  }
  ml5::LineArtOptions o;
  if (!options["threshold"].isUndefined()) o.threshold = options["threshold"].as<float>();
  if (!options["radius"].isUndefined()) o.radius = options["radius"].as<int>();
  return ToJs(ml5::LineArt(rgba.data(), width, height, o, rgba.mutable_data()));
}

// -> {data: Uint8Array RGBA, width, height}
val DecodeImage(const HeapBytes& bytes, size_t max_pixels) {
  ml5::StatusOr<ml5::DecodedImage> image = ml5::DecodeImage(bytes.str(), max_pixels);
  if (!image.ok()) return ErrorValue(image.status());
  val result = val::object();
  result.set("data", CopyToJs(image->rgba.data(), image->rgba.size()));
  result.set("width", image->width);
  result.set("height", image->height);
  return result;
}

val SetThreads(size_t threads) { return ToJs(ml5::ThreadPool::Shared().SetThreads(threads)); }
// Times `counts` (a JS array) on the shared pool: {threads: the count to use, timings: [{threads,
// ms}]}. The pool is left at counts[0].
val TimeThreadCounts(const val& counts, size_t repeats) {
  auto timings = ml5::TimeThreadCounts(ml5::ThreadPool::Shared(),
                                       emscripten::vecFromJSArray<size_t>(counts), repeats);
  if (!timings.ok()) return ErrorValue(timings.status());
  val rows = val::array();
  for (const ml5::ThreadTiming& t : *timings) {
    val row = val::object();
    row.set("threads", t.threads);
    row.set("ms", t.median_ms);
    rows.call<void>("push", row);
  }
  val result = val::object();
  result.set("threads", ml5::FastestThreadCount(*timings));
  result.set("timings", rows);
  return result;
}
size_t GetThreads() { return ml5::ThreadPool::Shared().threads(); }
void SetCallerOnly(bool caller_only) { ml5::ThreadPool::Shared().set_caller_only(caller_only); }
bool HasThreads() {
#ifdef __EMSCRIPTEN_PTHREADS__
  return true;
#else
  return false;
#endif
}
std::string Version() { return ml5::kVersion; }

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
  function("modelShardPaths", &ModelShardPaths);
  function("parseCvaeManifest", &ParseCvaeManifest);
  function("encodePng", &EncodePng);
  class_<ml5::Cvae>("Cvae")
      .class_function("load", &LoadCvae)
      .function("labels", &CvaeLabels)
      .function("latentSize", &ml5::Cvae::latent_size)
      .function("labelOffset", &ml5::Cvae::label_offset)
      .function("outputDims", &CvaeOutputDims)
      .function("generate", &CvaeGenerate);
  function("decodeImage", &DecodeImage);
  function("lineArt", &LineArt);
  class_<ml5::Pix2PixTransfer>("Pix2Pix")
      .class_function("load", &LoadPix2Pix)
      .function("ngf", &Pix2PixNgf)
      .function("transfer", &Pix2PixTransfer);
  class_<ml5::Conv2D>("Conv2D")
      .class_function("create", &CreateConv2D)
      .function("outputShape", &Conv2DOutputShape)
      .function("run", &RunConv2D);
}
