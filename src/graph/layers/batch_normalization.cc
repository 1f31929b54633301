// BatchNormalization at inference: a per-channel scale and shift folded from the moving
// statistics; with LayersOptions::batch_statistics, each image's own statistics (instance norm:
// batch statistics at batch 1).
#include <cmath>

#include "graph/layers/layers.h"
#include "ops/channel_affine.h"
#include "ops/instance_norm.h"

namespace ml5::layers {

StatusOr<std::unique_ptr<KerasLayer>> BuildBatchNormalization(const LayerBuildContext& context) {
  ML5_ASSIGN_OR_RETURN(Dims in, context.OneInput());
  ML5_ASSIGN_OR_RETURN(double axis, context.Number("axis", -1));
  if (axis != -1 && axis != static_cast<double>(in.size())) {
    return context.Error("only the last axis can be normalized");
  }
  ML5_ASSIGN_OR_RETURN(double epsilon, context.Number("epsilon", 1e-3));
  ML5_ASSIGN_OR_RETURN(bool center, context.Bool("center", true));
  ML5_ASSIGN_OR_RETURN(bool scale, context.Bool("scale", true));
  const int64_t c = in.back();
  std::vector<float> gamma(c, 1.0f), beta(c, 0.0f);
  if (scale) {
    ML5_ASSIGN_OR_RETURN(gamma, context.TakeWeight("gamma", {c}));
  }
  if (center) {
    ML5_ASSIGN_OR_RETURN(beta, context.TakeWeight("beta", {c}));
  }
  ML5_ASSIGN_OR_RETURN(std::vector<float> mean, context.TakeWeight("moving_mean", {c}));
  ML5_ASSIGN_OR_RETURN(std::vector<float> var, context.TakeWeight("moving_variance", {c}));
  if (context.options().batch_statistics) {
    if (in.size() != 3) {
      return context.Error("batch statistics need [height, width, channels] inputs, got " +
                           DimsToString(in));
    }
    ML5_ASSIGN_OR_RETURN(InstanceNorm op, InstanceNorm::Create({size_t(c), float(epsilon)},
                                                               gamma.data(), beta.data()));
    return SingleOp(std::move(op), std::move(in));
  }
  // y = (x - mean) / sqrt(var + eps) * gamma + beta = x * s + (beta - mean * s)
  std::vector<float> s(c), shift(c);
  for (int64_t i = 0; i < c; ++i) {
    if (var[i] + epsilon <= 0) return context.Error("moving_variance + epsilon must be positive");
    double si = gamma[i] / std::sqrt(double(var[i]) + epsilon);
    s[i] = static_cast<float>(si);
    shift[i] = static_cast<float>(beta[i] - mean[i] * si);
  }
  ML5_ASSIGN_OR_RETURN(ChannelAffine op, ChannelAffine::Create(std::move(s), std::move(shift)));
  return SingleOp(std::move(op), std::move(in));
}

}  // namespace ml5::layers
