// ReLU as a layer (tf.keras.layers.ReLU): max(x, 0). Its options for a capped or leaky ReLU
// are refused rather than ignored.
#include "graph/layers/layers.h"
#include "ops/unary.h"

namespace ml5::layers {

StatusOr<std::unique_ptr<KerasLayer>> BuildReLU(const LayerBuildContext& context) {
  ML5_ASSIGN_OR_RETURN(Dims in, context.OneInput());
  const Json* max_value = JsonOptionalField(context.layer().config, "max_value");
  ML5_ASSIGN_OR_RETURN(double slope, context.Number("negative_slope", 0));
  ML5_ASSIGN_OR_RETURN(double threshold, context.Number("threshold", 0));
  if (max_value != nullptr || slope != 0 || threshold != 0) {
    return context.Error("max_value, negative_slope and threshold are not supported (plain ReLU)");
  }
  ML5_ASSIGN_OR_RETURN(Unary op, Unary::Create(Activation::Relu()));
  return SingleOp(std::move(op), std::move(in));
}

}  // namespace ml5::layers
