// Four floats as one GCC/Clang vector (SSE natively, SIMD128 under -msimd128), with unaligned
// loads and stores, for the hand-written passes over tensors.
#pragma once

#include <cstdint>
#include <cstring>

namespace ml5 {

typedef float Float4 __attribute__((vector_size(16)));
typedef int32_t Int4 __attribute__((vector_size(16)));
constexpr size_t kFloat4Lanes = 4;

inline Float4 LoadFloat4(const float* p) {
  Float4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void StoreFloat4(float* p, Float4 v) { std::memcpy(p, &v, sizeof v); }

}  // namespace ml5
