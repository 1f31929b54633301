#include "graph/keras_layers.h"

#include "graph/layer_builder.h"
#include "graph/layer_table.h"

namespace ml5 {

StatusOr<Dims> InputLayerDims(const tfjs::LayerSpec& layer, const std::string& file) {
  const std::vector<Dims> no_inputs;
  WeightMap no_weights;
  LayerBuildContext context(layer, no_inputs, no_weights, file);
  const Json* shape = JsonOptionalField(layer.config, "batch_input_shape");
  if (shape == nullptr) shape = JsonOptionalField(layer.config, "batch_shape");
  if (shape == nullptr) return context.Error("has no batch_input_shape");
  ML5_ASSIGN_OR_RETURN(Dims dims, JsonDims(*shape, context.where() + " batch_input_shape"));
  if (dims.size() < 2) return context.Error("batch_input_shape needs a batch and a feature axis");
  dims.erase(dims.begin());
  for (int64_t d : dims) {
    if (d <= 0) {
      return context.Error("input dimensions must be known and positive, got " +
                           DimsToString(dims));
    }
  }
  ML5_RETURN_IF_ERROR(DimsToShape(dims, 1).status());
  return dims;
}

StatusOr<std::unique_ptr<KerasLayer>> BuildKerasLayer(const tfjs::LayerSpec& layer,
                                                      const std::vector<Dims>& input_dims,
                                                      WeightMap& weights, const std::string& file,
                                                      const LayersOptions& options) {
  std::string supported = "InputLayer";
  for (const auto& [class_name, build] : KerasLayers()) {
    if (class_name == layer.class_name) {
      return build(LayerBuildContext(layer, input_dims, weights, file, options));
    }
    supported += ", " + class_name;
  }
  return Status::Error(file + ": layer '" + layer.name + "' has class " + layer.class_name +
                       ", which is not supported (supported: " + supported + ")");
}

}  // namespace ml5
