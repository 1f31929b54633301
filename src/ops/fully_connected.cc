#include "ops/fully_connected.h"

#include <string>

namespace ml5 {

Status CheckFullyConnectedViews(const FullyConnectedParams& p, const TensorView& input,
                                const TensorView& output) {
  Shape expected = input.shape();
  expected.c = p.out_channels;
  if (input.shape().c != p.in_channels || input.pixel_stride() != p.input_stride() ||
      output.shape() != expected || output.pixel_stride() != p.output_stride()) {
    return Status::Error("fully_connected: expected " + std::to_string(p.in_channels) + " -> " +
                         std::to_string(p.out_channels) + " channels, got input " +
                         input.shape().ToString() + " and output " + output.shape().ToString());
  }
  return Status();
}

StatusOr<FullyConnected> FullyConnected::Create(const FullyConnectedParams& p, const float* kernel,
                                                const float* bias) {
  if (p.in_channels == 0 || p.out_channels == 0) {
    return Status::Error("fully_connected: channel counts must be positive");
  }
  if (p.input_stride() < p.in_channels || p.output_stride() < p.out_channels) {
    return Status::Error("fully_connected: a pixel stride is smaller than its channel count");
  }
  if (kernel == nullptr) return Status::Error("fully_connected: kernel weights are missing");
  ML5_RETURN_IF_ERROR(InitializeXnnpack());
  ML5_ASSIGN_OR_RETURN(OutputActivation activation, OutputActivation::Create(p.activation));
  xnn_operator_t op = nullptr;
  // XNN_FLAG_TRANSPOSE_WEIGHTS: the kernel is [in, out], as Keras stores it.
  ML5_RETURN_IF_ERROR(XnnStatus(
      xnn_create_fully_connected_nc_f32(p.in_channels, p.out_channels, p.input_stride(),
                                        p.output_stride(), kernel, bias, activation.output_min(),
                                        activation.output_max(), XNN_FLAG_TRANSPOSE_WEIGHTS,
                                        /*code_cache=*/nullptr, /*weights_cache=*/nullptr, &op),
      "fully_connected: creating the XNNPACK operator"));
  return FullyConnected(p, XnnOperator(op), std::move(activation));
}

Status FullyConnected::Run(const TensorView& input, const TensorView& output, ThreadPool& pool) {
  ML5_RETURN_IF_ERROR(CheckFullyConnectedViews(params_, input, output));
  const size_t pixels = input.shape().pixels();
  pthreadpool_t threads = pool.ForWork(pixels * params_.in_channels * params_.out_channels);
  ML5_RETURN_IF_ERROR(XnnStatus(xnn_reshape_fully_connected_nc_f32(op_.get(), pixels, threads),
                                "fully_connected: reshaping"));
  ML5_RETURN_IF_ERROR(
      XnnStatus(xnn_setup_fully_connected_nc_f32(op_.get(), input.data(), output.data()),
                "fully_connected: setting up"));
  ML5_RETURN_IF_ERROR(XnnStatus(xnn_run_operator(op_.get(), threads), "fully_connected: running"));
  return activation_.Apply(output, pool);
}

}  // namespace ml5
