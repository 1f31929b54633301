#include "ops/upsample_nearest.h"

#include <string>

namespace ml5 {

Status CheckUpsampleNearestViews(const UpsampleNearestParams& p, const TensorView& input,
                                 const TensorView& output) {
  Shape expected{input.shape().n, input.shape().h * p.scale_h, input.shape().w * p.scale_w,
                 input.shape().c};
  if (output.shape() != expected) {
    return Status::Error("upsample_nearest: expected an output of shape " + expected.ToString() +
                         ", got " + output.shape().ToString());
  }
  return Status();
}

StatusOr<UpsampleNearest> UpsampleNearest::Create(const UpsampleNearestParams& p) {
  if (p.scale_h == 0 || p.scale_w == 0) {
    return Status::Error("upsample_nearest: scale factors must be positive");
  }
  ML5_RETURN_IF_ERROR(InitializeXnnpack());
  ML5_ASSIGN_OR_RETURN(Tensor ones, Tensor::Create(Shape{1, p.scale_h, p.scale_w, 1}));
  for (size_t i = 0; i < ones.elements(); ++i) ones.data()[i] = 1.0f;
  xnn_operator_t op = nullptr;
  ML5_RETURN_IF_ERROR(
      XnnStatus(xnn_create_binary_elementwise_nd(xnn_binary_multiply, xnn_datatype_fp32, nullptr,
                                                 nullptr, nullptr, 0, &op),
                "upsample_nearest: creating the XNNPACK multiply"));
  return UpsampleNearest(p, XnnOperator(op), std::move(ones));
}

Shape UpsampleNearest::OutputShape(const Shape& input) const {
  return Shape{input.n, input.h * params_.scale_h, input.w * params_.scale_w, input.c};
}

Status UpsampleNearest::Run(const TensorView& input, const TensorView& output, ThreadPool& pool) {
  ML5_RETURN_IF_ERROR(CheckUpsampleNearestViews(params_, input, output));
  if (!input.dense() || !output.dense()) {
    return Status::Error("upsample_nearest: input and output must be dense (no channel slices)");
  }
  const Shape& s = input.shape();
  const size_t input_dims[5] = {s.n * s.h, 1, s.w, 1, s.c};
  const size_t ones_dims[5] = {1, params_.scale_h, 1, params_.scale_w, 1};
  pthreadpool_t threads = pool.ForWork(output.shape().elements());
  ML5_RETURN_IF_ERROR(
      XnnStatus(xnn_reshape_binary_elementwise_nd(op_.get(), 5, input_dims, 5, ones_dims, threads),
                "upsample_nearest: reshaping"));
  ML5_RETURN_IF_ERROR(XnnStatus(
      xnn_setup_binary_elementwise_nd(op_.get(), input.data(), ones_.data(), output.data()),
      "upsample_nearest: setting up"));
  return XnnStatus(xnn_run_operator(op_.get(), threads), "upsample_nearest: running");
}

}  // namespace ml5
