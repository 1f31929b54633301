// Reorders TensorFlow kernels into the layout XNNPACK packs from ([out, h, w, in]).
#pragma once

#include <cstddef>
#include <vector>

#include "core/status.h"
#include "core/weight_values.h"

namespace ml5 {

// tf.nn.conv2d kernel [h, w, in, out] -> [out, h, w, in].
StatusOr<std::vector<float>> HwioToOhwi(WeightValues kernel, size_t h, size_t w, size_t in,
                                        size_t out);
// tf.nn.conv2d_transpose kernel [h, w, out, in] -> [out, h, w, in].
StatusOr<std::vector<float>> HwoiToOhwi(WeightValues kernel, size_t h, size_t w, size_t out,
                                        size_t in);

}  // namespace ml5
