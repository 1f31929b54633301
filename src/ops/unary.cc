#include "ops/unary.h"

#include <string>

#include "ops/copy_pixels.h"

namespace ml5 {

StatusOr<Unary> Unary::Create(Activation activation) {
  ML5_RETURN_IF_ERROR(InitializeXnnpack());
  xnn_unary_operator type = xnn_unary_invalid;
  xnn_unary_params params{};
  switch (activation.kind) {
    case Activation::Kind::kLinear: return Unary(activation, nullptr);
    case Activation::Kind::kRelu:
      type = xnn_unary_clamp;
      params.clamp.min = activation.clamp_min();
      params.clamp.max = activation.clamp_max();
      break;
    case Activation::Kind::kLeakyRelu:
      type = xnn_unary_leaky_relu;
      params.leaky_relu.negative_slope = activation.negative_slope;
      break;
    case Activation::Kind::kTanh: type = xnn_unary_tanh; break;
    case Activation::Kind::kSigmoid: type = xnn_unary_sigmoid; break;
  }
  xnn_operator_t op = nullptr;
  ML5_RETURN_IF_ERROR(
      XnnStatus(xnn_create_unary_elementwise_nc(type, xnn_datatype_fp32, xnn_datatype_fp32, &params,
                                                nullptr, nullptr, 0, &op),
                "creating the unary operator"));
  return Unary(activation, XnnOperator(op));
}

Status Unary::Run(const TensorView& input, const TensorView& output, ThreadPool& pool) {
  if (input.shape() != output.shape()) {
    return Status::Error(std::string(activation_.name()) + ": output shape " +
                         output.shape().ToString() + " differs from input shape " +
                         input.shape().ToString());
  }
  if (!op_) {
    if (input.data() == output.data()) return Status();
    return CopyPixels(input, output, pool);
  }
  const Shape& shape = input.shape();
  pthreadpool_t threads = pool.ForWork(shape.elements());
  ML5_RETURN_IF_ERROR(XnnStatus(
      xnn_reshape_unary_elementwise_nc(op_.get(), shape.pixels(), shape.c, input.pixel_stride(),
                                       output.pixel_stride(), threads),
      "reshaping the unary operator"));
  ML5_RETURN_IF_ERROR(
      XnnStatus(xnn_setup_unary_elementwise_nc(op_.get(), input.data(), output.data()),
                "setting up the unary operator"));
  return XnnStatus(xnn_run_operator(op_.get(), threads), "running the unary operator");
}

}  // namespace ml5
