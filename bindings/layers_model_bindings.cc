// Any tfjs Layers model the graph supports (graph/layer_table.cc), as a plain model: float
// inputs in, float output (and RGBA, for image outputs) out. Also the shard list of a model.json.
#include "bindings/js_values.h"
#include "core/thread_pool.h"
#include "graph/layers_graph.h"
#include "image/pixels.h"
#include "tfjs/model_json.h"

namespace ml5::js {
namespace {

val ModelShardPaths(const std::string& model_json, const std::string& file) {
  StatusOr<tfjs::ModelSpec> spec = tfjs::ParseModelJson(model_json, file);
  return spec.ok() ? ArrayToJs(spec->ShardPaths()) : ErrorValue(spec.status());
}

// files: {modelJson, modelFile, shardSizes}; shards: the weight shards back to back.
val LoadLayersModel(const val& files, const HeapBytes& shards, size_t max_weights) {
  const std::string model_file = files["modelFile"].as<std::string>();
  StatusOr<std::vector<std::string_view>> views =
      SplitShards(files["shardSizes"], shards, model_file);
  if (!views.ok()) return ErrorValue(views.status());
  return ToJs(
      LayersGraph::Load(files["modelJson"].as<std::string>(), *views, model_file, max_weights));
}

size_t InputCount(const LayersGraph& graph) { return graph.input_count(); }
val InputDims(const LayersGraph& graph, size_t i) {
  if (i >= graph.input_count()) return ErrorValue("the model has no input " + std::to_string(i));
  return DimsToJs(graph.input_dims(i));
}
val OutputDims(const LayersGraph& graph) { return DimsToJs(graph.output_dims()); }

// inputs: one Float32Array per model input, `batch` samples each, in input_layers order.
// -> {output: Float32Array, rgba: Uint8Array | undefined (image outputs of 1, 3 or 4 channels:
// round(255 v), as tfjs toPixels)}
val Run(LayersGraph& graph, const val& inputs, size_t batch) {
  if (inputs["length"].as<size_t>() != graph.input_count()) {
    return ErrorValue("the model has " + std::to_string(graph.input_count()) + " input(s), got " +
                      std::to_string(inputs["length"].as<size_t>()));
  }
  StatusOr<std::vector<TensorView>> views = graph.PrepareInputs(batch);
  if (!views.ok()) return ErrorValue(views.status());
  for (size_t i = 0; i < views->size(); ++i) {
    std::vector<float> values = FloatsFromJs(inputs[i]);
    const TensorView& view = (*views)[i];
    if (values.size() != view.shape().elements()) {
      return ErrorValue("input " + std::to_string(i) + " (" + graph.input_name(i) + "): expected " +
                        std::to_string(view.shape().elements()) + " values for a batch of " +
                        std::to_string(batch) + " " + DimsToString(graph.input_dims(i)) + ", got " +
                        std::to_string(values.size()));
    }
    std::copy(values.begin(), values.end(), view.data());
  }
  StatusOr<TensorView> output = graph.Run(ThreadPool::Shared());
  if (!output.ok()) return ErrorValue(output.status());
  const Shape& shape = output->shape();
  val result = val::object();
  result.set("output", CopyToJs(output->data(), shape.elements()));
  const size_t c = graph.output_dims().back();
  if (graph.output_dims().size() == 3 && (c == 1 || c == 3 || c == 4)) {
    std::vector<uint8_t> rgba(shape.pixels() * 4);
    for (size_t n = 0; n < batch; ++n) {
      Status status = ToRgbaRound255(*output, n, rgba.data() + n * shape.h * shape.w * 4);
      if (!status.ok()) return ErrorValue(status);
    }
    result.set("rgba", CopyToJs(rgba.data(), rgba.size()));
  }
  return result;
}

}  // namespace

EMSCRIPTEN_BINDINGS(ml5_layers_model) {
  using namespace emscripten;
  function("modelShardPaths", &ModelShardPaths);
  class_<LayersGraph>("LayersModel")
      .class_function("load", &LoadLayersModel)
      .function("inputCount", &InputCount)
      .function("inputDims", &InputDims)
      .function("outputDims", &OutputDims)
      .function("run", &Run);
}

}  // namespace ml5::js
