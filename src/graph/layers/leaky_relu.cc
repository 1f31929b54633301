// LeakyReLU: max(x, alpha * x).
#include "graph/layers/layers.h"
#include "ops/unary.h"

namespace ml5::layers {

StatusOr<std::unique_ptr<KerasLayer>> BuildLeakyReLU(const LayerBuildContext& context) {
  ML5_ASSIGN_OR_RETURN(Dims in, context.OneInput());
  ML5_ASSIGN_OR_RETURN(double alpha, context.Number("alpha", 0.3));
  if (context.Has("negative_slope")) {  // Keras 3 spelling
    ML5_ASSIGN_OR_RETURN(alpha, context.Number("negative_slope", 0.3));
  }
  ML5_ASSIGN_OR_RETURN(Unary op, Unary::Create(Activation::LeakyRelu(static_cast<float>(alpha))));
  return SingleOp(std::move(op), std::move(in));
}

}  // namespace ml5::layers
