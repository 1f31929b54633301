// Reshape and Flatten: row-major memory is unchanged, only the dims change, so the layer
// aliases its input and runs nothing.
#include "graph/layers/layers.h"

namespace ml5::layers {
namespace {

int64_t ElementCount(const Dims& dims) {
  int64_t total = 1;
  for (int64_t d : dims) total *= d;
  return total;
}

}  // namespace

StatusOr<std::unique_ptr<KerasLayer>> BuildFlatten(const LayerBuildContext& context) {
  ML5_ASSIGN_OR_RETURN(Dims in, context.OneInput());
  return std::unique_ptr<KerasLayer>(new AliasLayer({ElementCount(in)}));
}

StatusOr<std::unique_ptr<KerasLayer>> BuildReshape(const LayerBuildContext& context) {
  ML5_ASSIGN_OR_RETURN(Dims in, context.OneInput());
  const int64_t total = ElementCount(in);
  ML5_ASSIGN_OR_RETURN(const Json* target,
                       JsonField(context.layer().config, "target_shape", context.where()));
  ML5_ASSIGN_OR_RETURN(Dims out, JsonDims(*target, context.where() + " target_shape"));
  int64_t known = 1, unknown = -1;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] < 0) {
      if (unknown >= 0) return context.Error("target_shape has two unknown dimensions");
      unknown = i;
    } else if (out[i] == 0) {
      return context.Error("target_shape has a zero dimension");
    } else {
      known *= out[i];
    }
  }
  if (unknown >= 0 && known > 0 && total % known == 0) out[unknown] = total / known;
  if (ElementCount(out) != total) {
    return context.Error("cannot reshape " + DimsToString(in) + " to " + DimsToString(out));
  }
  return std::unique_ptr<KerasLayer>(new AliasLayer(std::move(out)));
}

}  // namespace ml5::layers
