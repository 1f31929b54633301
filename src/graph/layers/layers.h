// The Keras layer builders, one per file in this folder; graph/layer_table.cc maps class names
// to them.
#pragma once

#include "graph/layer_builder.h"

namespace ml5::layers {

StatusOr<std::unique_ptr<KerasLayer>> BuildActivation(const LayerBuildContext& context);
StatusOr<std::unique_ptr<KerasLayer>> BuildBatchNormalization(const LayerBuildContext& context);
StatusOr<std::unique_ptr<KerasLayer>> BuildConcatenate(const LayerBuildContext& context);
StatusOr<std::unique_ptr<KerasLayer>> BuildConv2D(const LayerBuildContext& context);
StatusOr<std::unique_ptr<KerasLayer>> BuildConv2DTranspose(const LayerBuildContext& context);
StatusOr<std::unique_ptr<KerasLayer>> BuildDense(const LayerBuildContext& context);
StatusOr<std::unique_ptr<KerasLayer>> BuildDropout(const LayerBuildContext& context);
StatusOr<std::unique_ptr<KerasLayer>> BuildFlatten(const LayerBuildContext& context);
StatusOr<std::unique_ptr<KerasLayer>> BuildLeakyReLU(const LayerBuildContext& context);
StatusOr<std::unique_ptr<KerasLayer>> BuildReLU(const LayerBuildContext& context);
StatusOr<std::unique_ptr<KerasLayer>> BuildReshape(const LayerBuildContext& context);
StatusOr<std::unique_ptr<KerasLayer>> BuildUpSampling2D(const LayerBuildContext& context);

}  // namespace ml5::layers
