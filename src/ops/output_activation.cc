#include "ops/output_activation.h"

namespace ml5 {

StatusOr<OutputActivation> OutputActivation::Create(Activation activation) {
  if (activation.is_clamp()) return OutputActivation(activation);
  OutputActivation result(Activation::Linear());
  ML5_ASSIGN_OR_RETURN(Unary unary, Unary::Create(activation));
  result.unfused_.emplace(std::move(unary));
  return result;
}

Status OutputActivation::Apply(const TensorView& output, ThreadPool& pool) {
  if (!unfused_) return Status();
  return unfused_->Run(output, output, pool);
}

}  // namespace ml5
