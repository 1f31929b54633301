// UpSampling2D: nearest-neighbour upsampling by whole factors.
#include "graph/layers/layers.h"
#include "ops/upsample_nearest.h"

namespace ml5::layers {

StatusOr<std::unique_ptr<KerasLayer>> BuildUpSampling2D(const LayerBuildContext& context) {
  ML5_ASSIGN_OR_RETURN(Dims in, context.OneImageInput());
  ML5_ASSIGN_OR_RETURN(std::string interpolation, context.String("interpolation", "nearest"));
  if (interpolation != "nearest") {
    return context.Error("interpolation '" + interpolation + "' is not supported (nearest)");
  }
  ML5_ASSIGN_OR_RETURN(auto size, context.Pair("size", 2));
  ML5_ASSIGN_OR_RETURN(UpsampleNearest op, UpsampleNearest::Create({size.first, size.second}));
  return SingleOp(std::move(op),
                  Dims{in[0] * int64_t(size.first), in[1] * int64_t(size.second), in[2]});
}

}  // namespace ml5::layers
