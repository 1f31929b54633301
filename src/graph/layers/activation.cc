// Activation: an element-wise activation named in the config.
#include "graph/layers/layers.h"
#include "ops/unary.h"

namespace ml5::layers {

StatusOr<std::unique_ptr<KerasLayer>> BuildActivation(const LayerBuildContext& context) {
  ML5_ASSIGN_OR_RETURN(Dims in, context.OneInput());
  ML5_ASSIGN_OR_RETURN(Activation activation, context.ActivationFor("activation"));
  ML5_ASSIGN_OR_RETURN(Unary op, Unary::Create(activation));
  return SingleOp(std::move(op), std::move(in));
}

}  // namespace ml5::layers
