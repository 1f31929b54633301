// Limits the fuzzers pass where the library takes one, so that a valid but huge header is
// refused quickly instead of exhausting the fuzzer's memory (the limits themselves are tested).
#pragma once

#include <cstddef>

namespace ml5 {

inline constexpr size_t kFuzzMaxWeights = size_t{1} << 20;
inline constexpr size_t kFuzzMaxPixels = size_t{1} << 20;

}  // namespace ml5
