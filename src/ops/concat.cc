#include "ops/concat.h"

#include <string>

namespace ml5 {

Status CheckConcatViews(const std::vector<TensorView>& inputs, const TensorView& output) {
  if (inputs.size() == 0) return Status::Error("concat: no inputs");
  size_t channels = 0;
  for (const TensorView& input : inputs) {
    Shape expected = output.shape();
    expected.c = input.shape().c;
    if (input.shape() != expected) {
      return Status::Error("concat: input " + input.shape().ToString() +
                           " does not match the output's batch and spatial size " +
                           output.shape().ToString());
    }
    channels += input.shape().c;
  }
  if (channels != output.shape().c) {
    return Status::Error("concat: inputs have " + std::to_string(channels) +
                         " channels in all, the output " + std::to_string(output.shape().c));
  }
  return Status();
}

StatusOr<ConcatChannels> ConcatChannels::Create() {
  ML5_RETURN_IF_ERROR(InitializeXnnpack());
  xnn_operator_t copy = nullptr;
  ML5_RETURN_IF_ERROR(
      XnnStatus(xnn_create_copy_nc_x32(0, &copy), "concat: creating the copy operator"));
  return ConcatChannels(XnnOperator(copy));
}

Status ConcatChannels::Run(const std::vector<TensorView>& inputs, const TensorView& output,
                           ThreadPool& pool) {
  ML5_RETURN_IF_ERROR(CheckConcatViews(inputs, output));
  size_t offset = 0;
  for (const TensorView& input : inputs) {
    const Shape& shape = input.shape();
    pthreadpool_t threads = pool.ForWork(shape.elements());
    ML5_RETURN_IF_ERROR(
        XnnStatus(xnn_reshape_copy_nc_x32(copy_.get(), shape.pixels(), shape.c,
                                          input.pixel_stride(), output.pixel_stride(), threads),
                  "concat: reshaping the copy"));
    ML5_RETURN_IF_ERROR(
        XnnStatus(xnn_setup_copy_nc_x32(copy_.get(), input.data(), output.data() + offset),
                  "concat: setting up the copy"));
    ML5_RETURN_IF_ERROR(XnnStatus(xnn_run_operator(copy_.get(), threads), "concat: copying"));
    offset += shape.c;
  }
  return Status();
}

}  // namespace ml5
