#include "ops/upsample_nearest.h"

#include <cstring>
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
  return UpsampleNearest(p);
}

Shape UpsampleNearest::OutputShape(const Shape& input) const {
  return Shape{input.n, input.h * params_.scale_h, input.w * params_.scale_w, input.c};
}

Status UpsampleNearest::Run(const TensorView& input, const TensorView& output, ThreadPool& pool) {
  ML5_RETURN_IF_ERROR(CheckUpsampleNearestViews(params_, input, output));
  (void)pool;  // memory-bound copies of small tensors: a second thread would not pay
  const Shape& in = input.shape();
  const size_t channel_bytes = in.c * sizeof(float);
  const size_t out_w = in.w * params_.scale_w;
  // A dense output row is one block, copied whole; a channel slice is copied pixel by pixel.
  const bool dense_rows = output.dense();
  for (size_t n = 0; n < in.n; ++n) {
    for (size_t y = 0; y < in.h; ++y) {
      const size_t first_row = y * params_.scale_h;
      for (size_t x = 0; x < in.w; ++x) {
        const float* pixel = &input.at(n, y, x, 0);
        for (size_t s = 0; s < params_.scale_w; ++s) {
          std::memcpy(&output.at(n, first_row, x * params_.scale_w + s, 0), pixel, channel_bytes);
        }
      }
      for (size_t r = 1; r < params_.scale_h; ++r) {
        if (dense_rows) {
          std::memcpy(&output.at(n, first_row + r, 0, 0), &output.at(n, first_row, 0, 0),
                      out_w * channel_bytes);
          continue;
        }
        for (size_t x = 0; x < out_w; ++x) {
          std::memcpy(&output.at(n, first_row + r, x, 0), &output.at(n, first_row, x, 0),
                      channel_bytes);
        }
      }
    }
  }
  return Status();
}

}  // namespace ml5
