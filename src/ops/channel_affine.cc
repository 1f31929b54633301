#include "ops/channel_affine.h"

#include <string>

namespace ml5 {
namespace {

Status CheckViews(size_t channels, const TensorView& input, const TensorView& output) {
  if (input.shape().c != channels || output.shape() != input.shape()) {
    return Status::Error("channel_affine: expected input and output with " +
                         std::to_string(channels) + " channels and equal shapes, got " +
                         input.shape().ToString() + " and " + output.shape().ToString());
  }
  return Status();
}

Status RunBinary(xnn_operator_t op, const TensorView& a, const float* b, const TensorView& out,
                 ThreadPool& pool) {
  const size_t a_dims[2] = {a.shape().pixels(), a.shape().c};
  const size_t b_dims[2] = {1, a.shape().c};
  pthreadpool_t threads = pool.ForWork(a.shape().elements());
  ML5_RETURN_IF_ERROR(
      XnnStatus(xnn_reshape_binary_elementwise_nd(op, 2, a_dims, 2, b_dims, threads),
                "channel_affine: reshaping"));
  ML5_RETURN_IF_ERROR(XnnStatus(xnn_setup_binary_elementwise_nd(op, a.data(), b, out.data()),
                                "channel_affine: setting up"));
  return XnnStatus(xnn_run_operator(op, threads), "channel_affine: running");
}

}  // namespace

StatusOr<ChannelAffine> ChannelAffine::Create(std::vector<float> scale, std::vector<float> shift) {
  if (scale.empty() || scale.size() != shift.size()) {
    return Status::Error("channel_affine: scale and shift must have the same, positive length");
  }
  ML5_RETURN_IF_ERROR(InitializeXnnpack());
  xnn_operator_t multiply = nullptr, add = nullptr;
  ML5_RETURN_IF_ERROR(
      XnnStatus(xnn_create_binary_elementwise_nd(xnn_binary_multiply, xnn_datatype_fp32, nullptr,
                                                 nullptr, nullptr, 0, &multiply),
                "channel_affine: creating the multiply"));
  XnnOperator multiply_op(multiply);
  ML5_RETURN_IF_ERROR(
      XnnStatus(xnn_create_binary_elementwise_nd(xnn_binary_add, xnn_datatype_fp32, nullptr,
                                                 nullptr, nullptr, 0, &add),
                "channel_affine: creating the add"));
  // XNNPACK may read past the end of the broadcast operands.
  scale.reserve(scale.size() + XNN_EXTRA_BYTES / sizeof(float));
  shift.reserve(shift.size() + XNN_EXTRA_BYTES / sizeof(float));
  return ChannelAffine(std::move(scale), std::move(shift), std::move(multiply_op),
                       XnnOperator(add));
}

Status ChannelAffine::Run(const TensorView& input, const TensorView& output, ThreadPool& pool) {
  ML5_RETURN_IF_ERROR(CheckViews(channels(), input, output));
  if (!input.dense() || !output.dense()) {
    return Status::Error("channel_affine: input and output must be dense");
  }
  ML5_RETURN_IF_ERROR(RunBinary(multiply_.get(), input, scale_.data(), output, pool));
  return RunBinary(add_.get(), output, shift_.data(), output, pool);
}

}  // namespace ml5
