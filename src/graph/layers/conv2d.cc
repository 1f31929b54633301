// Conv2D: a 2-D convolution, channels last.
#include "ops/conv2d.h"

#include "graph/layers/conv.h"

namespace ml5::layers {

StatusOr<std::unique_ptr<KerasLayer>> BuildConv2D(const LayerBuildContext& context) {
  return BuildConv<Conv2D, false>(context);
}

}  // namespace ml5::layers
