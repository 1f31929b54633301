#include "ops/conv2d.h"

#include <string>

#include "ops/weights.h"

namespace ml5 {

StatusOr<std::pair<size_t, size_t>> RunXnnConvolution(const char* what, xnn_operator_t op,
                                                      const TensorView& input, float* output,
                                                      size_t work, AlignedBuffer& workspace,
                                                      ThreadPool& pool) {
  // The message is built only on failure: this runs on every inference.
  auto check = [what](xnn_status status, const char* step) {
    return status == xnn_status_success ? Status()
                                        : XnnStatus(status, (std::string(what) + step).c_str());
  };
  const Shape& in = input.shape();
  size_t workspace_size = 0, workspace_alignment = 0, out_h = 0, out_w = 0;
  pthreadpool_t threads = pool.ForWork(work);
  ML5_RETURN_IF_ERROR(
      check(xnn_reshape_convolution2d_nhwc_f32(op, in.n, in.h, in.w, &workspace_size,
                                               &workspace_alignment, &out_h, &out_w, threads),
            ": reshaping"));
  void* scratch = workspace.Reserve(workspace_size, workspace_alignment);
  if (workspace_size != 0 && scratch == nullptr) {
    return Status::Error(std::string(what) + ": out of memory for a workspace of " +
                         std::to_string(workspace_size) + " bytes");
  }
  ML5_RETURN_IF_ERROR(
      check(xnn_setup_convolution2d_nhwc_f32(op, scratch, input.data(), output), ": setting up"));
  ML5_RETURN_IF_ERROR(check(xnn_run_operator(op, threads), ": running"));
  return std::make_pair(out_h, out_w);
}

void ShrinkXnnConvolution(xnn_operator_t op, size_t kernel_h, size_t kernel_w) {
  size_t workspace_size = 0, workspace_alignment = 0, out_h = 0, out_w = 0;
  // Best effort: a failure here leaves the buffer as it was, and the next Run() reshapes anyway.
  (void)xnn_reshape_convolution2d_nhwc_f32(op, 1, kernel_h, kernel_w, &workspace_size,
                                           &workspace_alignment, &out_h, &out_w, nullptr);
}

void Conv2D::ReleaseBuffers() {
  workspace_.Release();
  if (op_) ShrinkXnnConvolution(op_.get(), params_.kernel_h, params_.kernel_w);
}

StatusOr<Shape> Conv2DOutputShape(const Conv2DParams& p, const Shape& input) {
  ML5_ASSIGN_OR_RETURN(AxisGeometry y, ConvAxis(input.h, p.kernel_h, p.stride_h, p.padding));
  ML5_ASSIGN_OR_RETURN(AxisGeometry x, ConvAxis(input.w, p.kernel_w, p.stride_w, p.padding));
  return Shape{input.n, y.output, x.output, p.out_channels};
}

bool Conv2D::padding_depends_on_size() const {
  return params_.padding == Padding::kSame &&
         (params_.kernel_h < params_.stride_h || params_.kernel_w < params_.stride_w);
}

StatusOr<Conv2D> Conv2D::Create(const Conv2DParams& p, WeightValues kernel, const float* bias) {
  ML5_RETURN_IF_ERROR(CheckConvParams("conv2d", p));
  ML5_RETURN_IF_ERROR(InitializeXnnpack());
  ML5_ASSIGN_OR_RETURN(OutputActivation activation, OutputActivation::Create(p.activation));
  Conv2D conv(p, std::move(activation));
  // TensorFlow stores [h, w, in, out]; XNNPACK wants [out, h, w, in].
  ML5_ASSIGN_OR_RETURN(conv.ohwi_,
                       HwioToOhwi(kernel, p.kernel_h, p.kernel_w, p.in_channels, p.out_channels));
  if (bias) conv.bias_.assign(bias, bias + p.out_channels);
  if (conv.padding_depends_on_size()) return conv;  // created by Run() for each padding
  ML5_RETURN_IF_ERROR(conv.CreateOperator(AxisGeometry{}, AxisGeometry{}));
  conv.ohwi_ = std::vector<float>();  // XNNPACK keeps its own packed copy
  conv.bias_ = std::vector<float>();
  return conv;
}

Status Conv2D::CreateOperator(const AxisGeometry& y, const AxisGeometry& x) {
  const Conv2DParams& p = params_;
  uint32_t flags = p.padding == Padding::kSame && !padding_depends_on_size()
                       ? XNN_FLAG_TENSORFLOW_SAME_PADDING
                       : 0;
  xnn_operator_t op = nullptr;
  ML5_RETURN_IF_ERROR(XnnStatus(
      xnn_create_convolution2d_nhwc_f32(
          y.before, x.after, y.after, x.before, p.kernel_h, p.kernel_w, p.stride_h, p.stride_w,
          /*dilation=*/1, 1, /*groups=*/1, p.in_channels, p.out_channels, p.input_stride(),
          p.output_stride(), ohwi_.data(), bias_.empty() ? nullptr : bias_.data(),
          activation_.output_min(), activation_.output_max(), flags, /*code_cache=*/nullptr,
          /*weights_cache=*/nullptr, &op),
      "conv2d: creating the XNNPACK convolution"));
  op_.reset(op);
  op_y_ = y;
  op_x_ = x;
  return Status();
}

StatusOr<Shape> Conv2D::OutputShape(const Shape& input) const {
  return Conv2DOutputShape(params_, input);
}

Status Conv2D::Run(const TensorView& input, const TensorView& output, ThreadPool& pool) {
  ML5_RETURN_IF_ERROR(CheckConvViews("conv2d", params_, input, output, OutputShape(input.shape())));
  const Shape& in = input.shape();
  if (padding_depends_on_size()) {
    ML5_ASSIGN_OR_RETURN(AxisGeometry y,
                         ConvAxis(in.h, params_.kernel_h, params_.stride_h, params_.padding));
    ML5_ASSIGN_OR_RETURN(AxisGeometry x,
                         ConvAxis(in.w, params_.kernel_w, params_.stride_w, params_.padding));
    if (!op_ || y.before != op_y_.before || y.after != op_y_.after || x.before != op_x_.before ||
        x.after != op_x_.after) {
      ML5_RETURN_IF_ERROR(CreateOperator(y, x));
    }
  }
  ML5_RETURN_IF_ERROR(RunXnnConvolution("conv2d", op_.get(), input, output.data(),
                                        output.shape().pixels() * params_.kernel_elements(),
                                        workspace_, pool)
                          .status());
  return activation_.Apply(output, pool);
}

}  // namespace ml5
