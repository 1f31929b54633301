#include "ops/conv2d_transpose.h"

#include <string>

#include "ops/weights.h"

namespace ml5 {

StatusOr<Shape> Conv2DTransposeOutputShape(const Conv2DTransposeParams& p, const Shape& input) {
  ML5_ASSIGN_OR_RETURN(AxisGeometry y,
                       ConvTransposeAxis(input.h, p.kernel_h, p.stride_h, p.padding));
  ML5_ASSIGN_OR_RETURN(AxisGeometry x,
                       ConvTransposeAxis(input.w, p.kernel_w, p.stride_w, p.padding));
  return Shape{input.n, y.output, x.output, p.out_channels};
}

namespace {

// Phases pay off wherever outputs are at least 8 channels wide: narrower ones fill few of the GEMM
// kernel's 8 columns and make their strided stores slow; the columns fill them all. (XNNPACK's
// own deconvolution picks its 1-row GEMM kernel for a batch of one: at ngf 8, decoders 2 and 3
// ran 2.6-3.0x slower that way, one thread, relaxed SIMD.) See conv2d_transpose_phases.h and
// conv2d_transpose_columns.h.
Conv2DTransposeMethod FastestMethod(const Conv2DTransposeParams& p) {
  if (p.stride_h * p.stride_w == 1) {  // already one plain GEMM in XNNPACK
    return Conv2DTransposeMethod::kDeconvolution;
  }
  return p.out_channels >= 8 ? Conv2DTransposeMethod::kPhases : Conv2DTransposeMethod::kColumns;
}

}  // namespace

StatusOr<Conv2DTranspose> Conv2DTranspose::Create(const Conv2DTransposeParams& p,
                                                  WeightValues kernel, const float* bias,
                                                  Conv2DTransposeMethod method) {
  ML5_RETURN_IF_ERROR(CheckConvParams("conv2d_transpose", p));
  ML5_RETURN_IF_ERROR(InitializeXnnpack());
  ML5_ASSIGN_OR_RETURN(OutputActivation activation, OutputActivation::Create(p.activation));
  Conv2DTranspose op(p, std::move(activation));
  const Conv2DTransposeMethod chosen =
      method == Conv2DTransposeMethod::kFastest ? FastestMethod(p) : method;
  if (chosen == Conv2DTransposeMethod::kColumns) {
    ML5_ASSIGN_OR_RETURN(
        op.columns_, Conv2DTransposeByColumns::Create(p, kernel, bias, op.activation_.output_min(),
                                                      op.activation_.output_max()));
    return op;
  }
  if (chosen == Conv2DTransposeMethod::kPhases) {
    ML5_ASSIGN_OR_RETURN(
        op.phases_, Conv2DTransposeByPhases::Create(p, kernel, bias, op.activation_.output_min(),
                                                    op.activation_.output_max()));
    if (op.phases_) return op;
    if (method == Conv2DTransposeMethod::kPhases) {
      return Status::Error("conv2d_transpose: a " + std::to_string(p.kernel_h) + "x" +
                           std::to_string(p.kernel_w) + " kernel with stride " +
                           std::to_string(p.stride_h) + "x" + std::to_string(p.stride_w) +
                           " has no phase form (the stride must divide the kernel)");
    }
  }
  // The cropping does not depend on the input size, so it is fixed here; see padding.h.
  ML5_ASSIGN_OR_RETURN(AxisGeometry y, ConvTransposeAxis(1, p.kernel_h, p.stride_h, p.padding));
  ML5_ASSIGN_OR_RETURN(AxisGeometry x, ConvTransposeAxis(1, p.kernel_w, p.stride_w, p.padding));
  // TensorFlow stores [h, w, out, in]; XNNPACK wants [out, h, w, in].
  ML5_ASSIGN_OR_RETURN(std::vector<float> ohwi,
                       HwoiToOhwi(kernel, p.kernel_h, p.kernel_w, p.out_channels, p.in_channels));
  xnn_operator_t deconvolution = nullptr;
  ML5_RETURN_IF_ERROR(XnnStatus(
      xnn_create_deconvolution2d_nhwc_f32(
          y.before, x.after, y.after, x.before, p.kernel_h, p.kernel_w, p.stride_h, p.stride_w,
          /*dilation=*/1, 1, /*groups=*/1, p.in_channels, p.out_channels, p.input_stride(),
          p.output_stride(), ohwi.data(), bias, op.activation_.output_min(),
          op.activation_.output_max(), /*flags=*/0, /*code_cache=*/nullptr,
          /*weights_cache=*/nullptr, &deconvolution),
      "conv2d_transpose: creating the XNNPACK deconvolution"));
  op.op_.reset(deconvolution);
  return op;
}

Conv2DTransposeMethod Conv2DTranspose::method() const {
  if (phases_) return Conv2DTransposeMethod::kPhases;
  if (columns_) return Conv2DTransposeMethod::kColumns;
  return Conv2DTransposeMethod::kDeconvolution;
}

StatusOr<Shape> Conv2DTranspose::OutputShape(const Shape& input) const {
  return Conv2DTransposeOutputShape(params_, input);
}

void Conv2DTranspose::ReleaseBuffers() {
  if (phases_) return phases_->ReleaseBuffers();
  if (columns_) return columns_->ReleaseBuffers();
  // XNNPACK's deconvolution keeps an indirection buffer sized by the input: reshape it for 1x1.
  auto y = ConvTransposeAxis(1, params_.kernel_h, params_.stride_h, params_.padding);
  auto x = ConvTransposeAxis(1, params_.kernel_w, params_.stride_w, params_.padding);
  if (!op_ || !y.ok() || !x.ok()) return;
  size_t out_h = 0, out_w = 0;
  (void)xnn_reshape_deconvolution2d_nhwc_f32(op_.get(), 1, 1, 1, y->adjustment, x->adjustment,
                                             &out_h, &out_w, nullptr);
}

Status Conv2DTranspose::Run(const TensorView& input, const TensorView& output, ThreadPool& pool) {
  ML5_RETURN_IF_ERROR(
      CheckConvViews("conv2d_transpose", params_, input, output, OutputShape(input.shape())));
  if (phases_) {
    ML5_RETURN_IF_ERROR(phases_->Run(input, output, pool));
    return activation_.Apply(output, pool);
  }
  if (columns_) {
    ML5_RETURN_IF_ERROR(columns_->Run(input, output, pool));
    return activation_.Apply(output, pool);
  }
  const Shape& in = input.shape();
  ML5_ASSIGN_OR_RETURN(
      AxisGeometry y, ConvTransposeAxis(in.h, params_.kernel_h, params_.stride_h, params_.padding));
  ML5_ASSIGN_OR_RETURN(
      AxisGeometry x, ConvTransposeAxis(in.w, params_.kernel_w, params_.stride_w, params_.padding));
  size_t out_h = 0, out_w = 0;
  pthreadpool_t threads = pool.ForWork(in.pixels() * params_.kernel_elements());
  ML5_RETURN_IF_ERROR(
      XnnStatus(xnn_reshape_deconvolution2d_nhwc_f32(op_.get(), in.n, in.h, in.w, y.adjustment,
                                                     x.adjustment, &out_h, &out_w, threads),
                "conv2d_transpose: reshaping"));
  ML5_RETURN_IF_ERROR(
      XnnStatus(xnn_setup_deconvolution2d_nhwc_f32(op_.get(), input.data(), output.data()),
                "conv2d_transpose: setting up"));
  ML5_RETURN_IF_ERROR(XnnStatus(xnn_run_operator(op_.get(), threads), "conv2d_transpose: running"));
  return activation_.Apply(output, pool);
}

}  // namespace ml5
