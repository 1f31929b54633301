// The .pict checkpoint format of pix2pix-tensorflow's exporter, which ml5 reads (spec §3.2):
// three big-endian length-prefixed parts: a JSON list of {name, shape} sorted by name, a
// 256-entry float32 quantization index, and one uint8 index per weight, in list order.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "io/weight_map.h"

namespace ml5 {

// The most weights a .pict may hold (configurable by the caller; ngf=64 has 54 M).
inline constexpr size_t kDefaultMaxPictWeights = size_t{1} << 27;

// Every entry, the unused moving statistics included. `file` names the file in messages.
StatusOr<WeightMap> ParsePict(std::string_view bytes, const std::string& file,
                              size_t max_weights = kDefaultMaxPictWeights);

}  // namespace ml5
