// Per-sample dims in Keras order (no batch axis), as model files state them, and their NHWC
// Shape for a batch.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/shape.h"
#include "core/status.h"

namespace ml5 {

using Dims = std::vector<int64_t>;

// "[28, 28, 1]": for error messages.
std::string DimsToString(const Dims& dims);

// [c] -> {n,1,1,c}; [w,c] -> {n,1,w,c}; [h,w,c] -> {n,h,w,c}.
StatusOr<Shape> DimsToShape(const Dims& dims, size_t batch);

}  // namespace ml5
