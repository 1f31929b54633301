#include "graph/layer_table.h"

#include "graph/layers/layers.h"

namespace ml5 {

// A new layer class is one file in graph/layers/ and one row here.
const KerasLayerTable& KerasLayers() {
  static const KerasLayerTable table = {
      {"Concatenate", layers::BuildConcatenate},
      {"Dense", layers::BuildDense},
      {"Reshape", layers::BuildReshape},
      {"Flatten", layers::BuildFlatten},
      {"Conv2D", layers::BuildConv2D},
      {"Conv2DTranspose", layers::BuildConv2DTranspose},
      {"UpSampling2D", layers::BuildUpSampling2D},
      {"BatchNormalization", layers::BuildBatchNormalization},
      {"Activation", layers::BuildActivation},
      {"LeakyReLU", layers::BuildLeakyReLU},
      {"ReLU", layers::BuildReLU},
      {"Dropout", layers::BuildDropout},
  };
  return table;
}

}  // namespace ml5
