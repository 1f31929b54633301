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

// XNNPACK broadcasts one row at a time: with pix2pix's 3 channels, one call per pixel (1 ms for
// a 256x256 image). So the values are repeated for up to this many floats, and the image is
// run as rows of that many pixels.
constexpr size_t kRowFloats = 64;

// rows x width: a (row-major) times or plus b (one row).
Status RunBinary(xnn_operator_t op, const float* a, size_t rows, size_t width, const float* b,
                 float* out, ThreadPool& pool) {
  const size_t a_dims[2] = {rows, width};
  const size_t b_dims[2] = {1, width};
  pthreadpool_t threads = pool.ForWork(rows * width);
  ML5_RETURN_IF_ERROR(
      XnnStatus(xnn_reshape_binary_elementwise_nd(op, 2, a_dims, 2, b_dims, threads),
                "channel_affine: reshaping"));
  ML5_RETURN_IF_ERROR(
      XnnStatus(xnn_setup_binary_elementwise_nd(op, a, b, out), "channel_affine: setting up"));
  return XnnStatus(xnn_run_operator(op, threads), "channel_affine: running");
}

std::vector<float> Repeated(const std::vector<float>& values, size_t times) {
  std::vector<float> out;
  // XNNPACK may read past the end of the broadcast operands.
  out.reserve(values.size() * times + XNN_EXTRA_BYTES / sizeof(float));
  for (size_t i = 0; i < times; ++i) out.insert(out.end(), values.begin(), values.end());
  return out;
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
  size_t repeat = 1;  // a power of two, so that it divides the pixel counts of most images
  while (2 * repeat * scale.size() <= kRowFloats) repeat *= 2;
  return ChannelAffine(scale.size(), Repeated(scale, repeat), Repeated(shift, repeat),
                       std::move(multiply_op), XnnOperator(add));
}

Status ChannelAffine::Run(const TensorView& input, const TensorView& output, ThreadPool& pool) {
  ML5_RETURN_IF_ERROR(CheckViews(channels(), input, output));
  if (!input.dense() || !output.dense()) {
    return Status::Error("channel_affine: input and output must be dense");
  }
  // Rows of as many pixels as the repeated values cover and the pixel count allows.
  const size_t pixels = input.shape().pixels();
  size_t repeat = scale_.size() / channels_;
  while (pixels % repeat != 0) repeat /= 2;
  const size_t rows = pixels / repeat, width = repeat * channels_;
  ML5_RETURN_IF_ERROR(
      RunBinary(multiply_.get(), input.data(), rows, width, scale_.data(), output.data(), pool));
  return RunBinary(add_.get(), output.data(), rows, width, shift_.data(), output.data(), pool);
}

}  // namespace ml5
