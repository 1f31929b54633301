// Decodes a tfjs weights manifest's shards into float tensors: float32, or uint8/uint16
// quantized (value = q * scale + min). Every size is checked against the manifest before
// anything large is allocated.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "io/weight_map.h"
#include "tfjs/model_json.h"

namespace ml5::tfjs {

using ml5::WeightMap;
using ml5::WeightTensor;

// The most float weights one model may have (configurable by the caller).
inline constexpr size_t kDefaultMaxWeights = size_t{1} << 27;  // 512 MB of floats

// `shards` are the files' bytes in ModelSpec::ShardPaths() order.
StatusOr<WeightMap> DecodeWeights(const ModelSpec& spec,
                                  const std::vector<std::string_view>& shards,
                                  size_t max_weights = kDefaultMaxWeights);

}  // namespace ml5::tfjs
