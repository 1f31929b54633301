// Element-wise activations, as Keras and pix2pix name them.
#pragma once

namespace ml5 {

struct Activation {
  enum class Kind { kLinear, kRelu, kLeakyRelu, kTanh, kSigmoid };

  static Activation Linear() { return {Kind::kLinear}; }
  static Activation Relu() { return {Kind::kRelu}; }
  static Activation LeakyRelu(float negative_slope) { return {Kind::kLeakyRelu, negative_slope}; }
  static Activation Tanh() { return {Kind::kTanh}; }
  static Activation Sigmoid() { return {Kind::kSigmoid}; }

  // Linear and relu are clamps that XNNPACK fuses into the producing operator.
  bool is_clamp() const { return kind == Kind::kLinear || kind == Kind::kRelu; }
  float clamp_min() const;
  float clamp_max() const;
  const char* name() const;
  // The plain scalar definition, used by every reference implementation.
  float Apply(float x) const;

  Kind kind = Kind::kLinear;
  float negative_slope = 0.0f;  // leaky relu only
};

}  // namespace ml5
