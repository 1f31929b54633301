// Conv2DTranspose: a transposed (fractionally strided) 2-D convolution, channels last.
#include "ops/conv2d_transpose.h"

#include "graph/layers/conv.h"

namespace ml5::layers {

StatusOr<std::unique_ptr<KerasLayer>> BuildConv2DTranspose(const LayerBuildContext& context) {
  return BuildConv<Conv2DTranspose, true>(context);
}

}  // namespace ml5::layers
