#include "ops/copy_pixels.h"

#include <cstdint>

#include "core/xnnpack_util.h"

namespace ml5 {

Status CopyPixels(const TensorView& input, const TensorView& output, ThreadPool& pool) {
  if (input.shape() != output.shape()) {
    return Status::Error("copy: output shape " + output.shape().ToString() +
                         " differs from input shape " + input.shape().ToString());
  }
  ML5_RETURN_IF_ERROR(InitializeXnnpack());
  const Shape& shape = input.shape();
  // Floats are copied as 32-bit words: bit-exact, NaN payloads included.
  return XnnStatus(
      xnn_run_copy_nc_x32(shape.c, input.pixel_stride(), output.pixel_stride(), shape.pixels(),
                          reinterpret_cast<const uint32_t*>(input.data()),
                          reinterpret_cast<uint32_t*>(output.data()), 0,
                          pool.ForWork(shape.elements())),
      "copying pixels");
}

}  // namespace ml5
