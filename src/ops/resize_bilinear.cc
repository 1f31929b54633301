#include "ops/resize_bilinear.h"

#include <string>

namespace ml5 {

Status ResizeBilinear::Run(const TensorView& input, const TensorView& output, ThreadPool& pool) {
  const Shape& in = input.shape();
  const Shape& out = output.shape();
  if (in.n != out.n || in.c != out.c) {
    return Status::Error("resize_bilinear: input " + in.ToString() + " and output " +
                         out.ToString() + " differ in batch or channels");
  }
  ML5_RETURN_IF_ERROR(InitializeXnnpack());
  if (!op_ || out.h != out_h_ || out.w != out_w_) {
    xnn_operator_t op = nullptr;
    ML5_RETURN_IF_ERROR(XnnStatus(xnn_create_resize_bilinear2d_nhwc_f32(out.h, out.w, 0, &op),
                                  "resize_bilinear: creating the XNNPACK operator"));
    op_.reset(op);
    out_h_ = out.h;
    out_w_ = out.w;
  }
  size_t workspace_size = 0, workspace_alignment = 0;
  pthreadpool_t threads = pool.ForWork(out.elements());
  ML5_RETURN_IF_ERROR(XnnStatus(
      xnn_reshape_resize_bilinear2d_nhwc_f32(op_.get(), in.n, in.h, in.w, in.c,
                                             input.pixel_stride(), output.pixel_stride(),
                                             &workspace_size, &workspace_alignment, threads),
      "resize_bilinear: reshaping"));
  void* workspace = workspace_.Reserve(workspace_size, workspace_alignment);
  if (workspace_size != 0 && workspace == nullptr) {
    return Status::Error("resize_bilinear: out of memory for the workspace");
  }
  ML5_RETURN_IF_ERROR(XnnStatus(
      xnn_setup_resize_bilinear2d_nhwc_f32(op_.get(), workspace, input.data(), output.data()),
      "resize_bilinear: setting up"));
  return XnnStatus(xnn_run_operator(op_.get(), threads), "resize_bilinear: running");
}

}  // namespace ml5
