// Element-wise activation on an XNNPACK unary operator: relu (a clamp), leaky relu, tanh, sigmoid.
// Input and output may be the same view (in place) and may be channel slices of wider buffers.
#pragma once

#include "core/tensor.h"
#include "core/thread_pool.h"
#include "core/xnnpack_util.h"
#include "ops/activation.h"

namespace ml5 {

class Unary {
 public:
  static StatusOr<Unary> Create(Activation activation);

  Status Run(const TensorView& input, const TensorView& output, ThreadPool& pool);
  const Activation& activation() const { return activation_; }

 private:
  Unary(Activation activation, XnnOperator op) : activation_(activation), op_(std::move(op)) {}

  Activation activation_;
  XnnOperator op_;  // null for linear: a copy, or nothing in place
};

// Plain scalar reference of Unary::Run.
void UnaryReference(Activation activation, const TensorView& input, const TensorView& output);

}  // namespace ml5
