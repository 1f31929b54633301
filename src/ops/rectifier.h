// The activations of the form y > 0 ? y : y * slope (linear, relu, leaky relu), for hand-written
// passes that apply them as they write: Rectify and InstanceNorm.
#pragma once

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE__)
#include <xmmintrin.h>
#endif

#include <string>

#include "core/float4.h"
#include "core/tensor.h"
#include "ops/activation.h"

namespace ml5 {

// A tensor that a pass writes, and the activation it applies on the way.
struct ActivatedOutput {
  TensorView view;
  Activation activation;
};

// Leaky relu's form below needs a slope within [0, 1], as every framework's default has.
inline bool IsRectifier(const Activation& a) {
  return a.kind == Activation::Kind::kLinear || a.kind == Activation::Kind::kRelu ||
         (a.kind == Activation::Kind::kLeakyRelu && a.negative_slope >= 0.0f &&
          a.negative_slope <= 1.0f);
}

// OK for an activation of that form, else an error that names `what` and what it got.
inline Status CheckRectifier(const Activation& a, const std::string& what) {
  if (IsRectifier(a)) return Status();
  const bool leaky = a.kind == Activation::Kind::kLeakyRelu;
  return Status::Error(what + " must be linear, relu or leaky_relu with a slope in [0, 1], got " +
                       a.name() + (leaky ? " with slope " + std::to_string(a.negative_slope) : ""));
}

// One activation of that form, on floats and on Float4 vectors, as max(y, y * slope): linear is
// slope 1, leaky relu its slope, and relu max(y, 0), y * 0 masked off (-inf * 0 is NaN). Three
// instructions a vector, no branch.
class Rectifier {
 public:
  explicit Rectifier(const Activation& a)
      : slope_(a.kind == Activation::Kind::kLinear ? 1.0f
               : a.kind == Activation::Kind::kRelu ? 0.0f
                                                   : a.negative_slope),
        keep_(a.kind == Activation::Kind::kRelu ? 0 : -1) {}

  Float4 operator()(Float4 y) const { return Max(y, (Float4)((Int4)(y * slope_) & keep_)); }
  float operator()(float y) const { return y > 0.0f ? y : keep_ ? y * slope_ : 0.0f; }

 private:
  static Float4 Max(Float4 a, Float4 b) {
#if defined(__wasm_simd128__)
    return (Float4)wasm_f32x4_pmax((v128_t)a, (v128_t)b);
#elif defined(__SSE__)
    return (Float4)_mm_max_ps((__m128)a, (__m128)b);
#else
    const Int4 greater = a > b;
    return (Float4)((greater & (Int4)a) | (~greater & (Int4)b));
#endif
  }

  float slope_;
  int32_t keep_;  // all ones, or 0 for relu
};

}  // namespace ml5
