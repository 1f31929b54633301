// Keras class name -> builder, for every layer class the graph supports.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "graph/layer_builder.h"

namespace ml5 {

using KerasLayerTable = std::vector<std::pair<std::string, LayerBuilder>>;
const KerasLayerTable& KerasLayers();

}  // namespace ml5
