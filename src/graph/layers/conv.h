// Conv2D and Conv2DTranspose share their config; they differ in kernel layout and op.
#pragma once

#include "graph/layers/layers.h"
#include "ops/conv_params.h"

namespace ml5::layers {

// kTranspose: the kernel is [kh, kw, filters, in] (Conv2DTranspose), else [kh, kw, in, filters].
template <typename Op, bool kTranspose>
StatusOr<std::unique_ptr<KerasLayer>> BuildConv(const LayerBuildContext& context) {
  ML5_ASSIGN_OR_RETURN(Dims in, context.OneImageInput());
  ML5_ASSIGN_OR_RETURN(int64_t filters, context.Int("filters"));
  if (filters <= 0) return context.Error("filters must be positive");
  ML5_ASSIGN_OR_RETURN(auto kernel_size, context.Pair("kernel_size", 1));
  ML5_ASSIGN_OR_RETURN(auto strides, context.Pair("strides", 1));
  ML5_ASSIGN_OR_RETURN(auto dilation, context.Pair("dilation_rate", 1));
  if (dilation.first != 1 || dilation.second != 1) {
    return context.Error("dilation is not supported");
  }
  if (kTranspose && context.Has("output_padding")) {
    return context.Error("output_padding is not supported");
  }
  ML5_ASSIGN_OR_RETURN(std::string padding, context.String("padding", "valid"));
  if (padding != "same" && padding != "valid") {
    return context.Error("padding '" + padding + "' is not supported (same, valid)");
  }
  ML5_ASSIGN_OR_RETURN(bool use_bias, context.Bool("use_bias", true));
  ConvParams p;
  p.kernel_h = kernel_size.first;
  p.kernel_w = kernel_size.second;
  p.stride_h = strides.first;
  p.stride_w = strides.second;
  p.in_channels = in[2];
  p.out_channels = filters;
  p.padding = padding == "same" ? Padding::kSame : Padding::kValid;
  ML5_ASSIGN_OR_RETURN(p.activation, context.ActivationFor("activation"));
  Dims kernel_dims = {int64_t(p.kernel_h), int64_t(p.kernel_w), kTranspose ? filters : in[2],
                      kTranspose ? in[2] : filters};
  ML5_ASSIGN_OR_RETURN(std::vector<float> kernel, context.TakeWeight("kernel", kernel_dims));
  std::vector<float> bias;
  if (use_bias) {
    ML5_ASSIGN_OR_RETURN(bias, context.TakeWeight("bias", {filters}));
  }
  ML5_ASSIGN_OR_RETURN(Op op, Op::Create(p, kernel.data(), use_bias ? bias.data() : nullptr));
  ML5_ASSIGN_OR_RETURN(Shape out,
                       op.OutputShape(Shape{1, size_t(in[0]), size_t(in[1]), size_t(in[2])}));
  return SingleOp(std::move(op), Dims{int64_t(out.h), int64_t(out.w), int64_t(out.c)});
}

}  // namespace ml5::layers
