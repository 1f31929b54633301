#include "ops/activation.h"

#include <cmath>
#include <limits>

namespace ml5 {

float Activation::clamp_min() const {
  return kind == Kind::kRelu ? 0.0f : -std::numeric_limits<float>::infinity();
}

float Activation::clamp_max() const { return std::numeric_limits<float>::infinity(); }

const char* Activation::name() const {
  switch (kind) {
    case Kind::kLinear: return "linear";
    case Kind::kRelu: return "relu";
    case Kind::kLeakyRelu: return "leaky_relu";
    case Kind::kTanh: return "tanh";
    case Kind::kSigmoid: return "sigmoid";
  }
  return "unknown";
}

float Activation::Apply(float x) const {
  switch (kind) {
    case Kind::kLinear: return x;
    case Kind::kRelu: return x > 0.0f ? x : 0.0f;
    case Kind::kLeakyRelu: return x < 0.0f ? x * negative_slope : x;
    case Kind::kTanh: return static_cast<float>(std::tanh(static_cast<double>(x)));
    case Kind::kSigmoid: return static_cast<float>(1.0 / (1.0 + std::exp(-static_cast<double>(x))));
  }
  return x;
}

}  // namespace ml5
