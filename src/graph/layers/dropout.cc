// Dropout: nothing at inference, where Keras drops nothing (ml5's pix2pix drops nothing either,
// docs/formats.md 3.4).
#include "graph/layers/layers.h"

namespace ml5::layers {

StatusOr<std::unique_ptr<KerasLayer>> BuildDropout(const LayerBuildContext& context) {
  ML5_ASSIGN_OR_RETURN(Dims in, context.OneInput());
  return std::unique_ptr<KerasLayer>(new AliasLayer(std::move(in)));
}

}  // namespace ml5::layers
