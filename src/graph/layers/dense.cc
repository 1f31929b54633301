// Dense: a fully connected layer on the last axis.
#include "graph/layers/layers.h"
#include "ops/fully_connected.h"

namespace ml5::layers {

StatusOr<std::unique_ptr<KerasLayer>> BuildDense(const LayerBuildContext& context) {
  ML5_ASSIGN_OR_RETURN(Dims in, context.OneInput());
  ML5_ASSIGN_OR_RETURN(int64_t units, context.Int("units"));
  if (units <= 0) return context.Error("units must be positive");
  ML5_ASSIGN_OR_RETURN(bool use_bias, context.Bool("use_bias", true));
  FullyConnectedParams p;
  ML5_ASSIGN_OR_RETURN(p.activation, context.ActivationFor("activation"));
  p.in_channels = in.back();
  p.out_channels = units;
  ML5_ASSIGN_OR_RETURN(std::vector<float> kernel, context.TakeWeight("kernel", {in.back(), units}));
  std::vector<float> bias;
  if (use_bias) {
    ML5_ASSIGN_OR_RETURN(bias, context.TakeWeight("bias", {units}));
  }
  ML5_ASSIGN_OR_RETURN(FullyConnected op,
                       FullyConnected::Create(p, kernel.data(), use_bias ? bias.data() : nullptr));
  in.back() = units;
  return SingleOp(std::move(op), std::move(in));
}

}  // namespace ml5::layers
