// pix2pix bindings: a .pict file in, RGBA transfers out.
#include <array>
#include <memory>

#include "bindings/js_values.h"
#include "core/thread_pool.h"
#include "graph/layers_graph.h"
#include "models/layers_generator.h"
#include "models/pix2pix_stream_load.h"
#include "models/pix2pix_transfer.h"
#include "pix2pix/compact_pict.h"
#include "pix2pix/pict.h"

namespace ml5::js {
namespace {

Pix2PixOptions ModelOptions(const val& options) { return {options["encoderBias"].as<bool>()}; }

val ModelToJs(StatusOr<Pix2Pix> model) {
  if (!model.ok()) return ErrorValue(model.status());
  return val(Pix2PixTransfer(std::move(*model)));
}

// options: {encoderBias, maxWeights}
val LoadPix2Pix(const HeapBytes& bytes, const std::string& file, const val& options) {
  StatusOr<PictFile> pict = PictFile::Parse(bytes.str(), file, options["maxWeights"].as<size_t>());
  if (!pict.ok()) return ErrorValue(pict.status());
  return ModelToJs(Pix2Pix::Create(*pict, ModelOptions(options), file, ThreadPool::Shared()));
}

// A tfjs Layers generator. files: {modelJson, modelFile, shardSizes}; shards: the weight shards
// back to back; options: {maxWeights, batchNorm: 'batch' | 'moving'}.
val LoadLayersPix2Pix(const val& files, const HeapBytes& shards, const val& options) {
  const std::string file = files["modelFile"].as<std::string>();
  StatusOr<std::vector<std::string_view>> views = SplitShards(files["shardSizes"], shards, file);
  if (!views.ok()) return ErrorValue(views.status());
  LayersOptions layers;
  layers.batch_statistics = options["batchNorm"].as<std::string>() == "batch";
  StatusOr<LayersGraph> graph = LayersGraph::Load(files["modelJson"].as<std::string>(), *views,
                                                  file, options["maxWeights"].as<size_t>(), layers);
  if (!graph.ok()) return ErrorValue(graph.status());
  StatusOr<LayersImageGenerator> generator = LayersImageGenerator::Create(std::move(*graph), file);
  if (!generator.ok()) return ErrorValue(generator.status());
  return val(Pix2PixTransfer(std::make_unique<LayersImageGenerator>(std::move(*generator))));
}

// A .pict downloading into `bytes` (the file's whole size, filled from the front, kept alive by
// the caller): arrived(n) after each chunk, finish() -> Pix2Pix once all are in.
class StreamLoad {
 public:
  StreamLoad(const HeapBytes& bytes, const std::string& file, const val& options)
      : load_(std::make_unique<Pix2PixStreamLoad>(bytes.str(), file, ModelOptions(options),
                                                  options["maxWeights"].as<size_t>())) {}
  val Arrived(size_t bytes) { return ToJs(load_->Arrived(bytes, ThreadPool::Shared())); }
  val Finish() { return ModelToJs(load_->Finish(ThreadPool::Shared())); }

 private:
  std::unique_ptr<Pix2PixStreamLoad> load_;
};

// options: {workWidth, workHeight, background: [r, g, b] | null, maxPixels}
// -> {output: Float32Array (h*w*3, in [0, 1]), rgba: Uint8Array (h*w*4)}
val Transfer(Pix2PixTransfer& p, const HeapBytes& rgba, size_t width, size_t height,
             const val& options) {
  Status size = CheckRgbaSize(rgba, width, height, "pix2pix");
  if (!size.ok()) return ErrorValue(size);
  TransferOptions o;
  o.work_width = options["workWidth"].as<size_t>();
  o.work_height = options["workHeight"].as<size_t>();
  const val background = options["background"];
  if (!background.isNull() && !background.isUndefined()) {
    o.background = std::array<uint8_t, 3>{background[0].as<uint8_t>(), background[1].as<uint8_t>(),
                                          background[2].as<uint8_t>()};
  }
  o.max_pixels = options["maxPixels"].as<size_t>();
  StatusOr<TransferResult> out = p.Transfer(rgba.data(), width, height, o, ThreadPool::Shared());
  if (!out.ok()) return ErrorValue(out.status());
  val result = val::object();
  result.set("output", CopyToJs(out->image.data(), out->image.shape().elements()));
  result.set("rgba", CopyToJs(out->rgba, width * height * 4));
  p.ReleaseLargeBuffers();  // the result is copied out
  return result;
}
// A .pict's bytes -> the compact .pict's, as a Uint8Array. options: {kernelBits, maxWeights}
val CompactPict(const HeapBytes& bytes, const std::string& file, const val& options) {
  StatusOr<PictFile> pict = PictFile::Parse(bytes.str(), file, options["maxWeights"].as<size_t>());
  if (!pict.ok()) return ErrorValue(pict.status());
  StatusOr<std::string> compact = WriteCompactPict(*pict, {options["kernelBits"].as<int>()});
  if (!compact.ok()) return ErrorValue(file + ": " + compact.status().message());
  return CopyToJs(reinterpret_cast<const uint8_t*>(compact->data()), compact->size());
}

size_t Ngf(const Pix2PixTransfer& p) { return p.model().ngf(); }
size_t SizeUnit(const Pix2PixTransfer& p) { return p.model().size_unit(); }

}  // namespace

EMSCRIPTEN_BINDINGS(ml5_pix2pix) {
  emscripten::class_<Pix2PixTransfer>("Pix2Pix")
      .class_function("load", &LoadPix2Pix)
      .class_function("loadLayers", &LoadLayersPix2Pix)
      .function("ngf", &Ngf)
      .function("sizeUnit", &SizeUnit)
      .function("transfer", &Transfer);
  emscripten::function("compactPict", &CompactPict);
  emscripten::class_<StreamLoad>("Pix2PixStreamLoad")
      .constructor<const HeapBytes&, const std::string&, const val&>()
      .function("arrived", &StreamLoad::Arrived)
      .function("finish", &StreamLoad::Finish);
}

}  // namespace ml5::js
