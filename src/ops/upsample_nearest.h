// Nearest-neighbour upsampling by integer factors (Keras UpSampling2D, interpolation 'nearest').
// Runs on XNNPACK's broadcasting multiply: [n*h, 1, w, 1, c] x ones[1, sh, 1, sw, 1] is exactly
// the upsampled [n, h*sh, w*sw, c], bit for bit (x * 1.0f == x).
#pragma once

#include "core/tensor.h"
#include "core/thread_pool.h"
#include "core/xnnpack_util.h"

namespace ml5 {

struct UpsampleNearestParams {
  size_t scale_h = 2;
  size_t scale_w = 2;
};

class UpsampleNearest {
 public:
  static StatusOr<UpsampleNearest> Create(const UpsampleNearestParams& params);

  Shape OutputShape(const Shape& input) const;
  // Input and output must be dense (XNNPACK's broadcasting ops take no pixel strides).
  Status Run(const TensorView& input, const TensorView& output, ThreadPool& pool);

 private:
  UpsampleNearest(const UpsampleNearestParams& params, XnnOperator op, Tensor ones)
      : params_(params), op_(std::move(op)), ones_(std::move(ones)) {}

  UpsampleNearestParams params_;
  XnnOperator op_;
  Tensor ones_;
};

Status CheckUpsampleNearestViews(const UpsampleNearestParams& params, const TensorView& input,
                                 const TensorView& output);
// Plain scalar reference of UpsampleNearest::Run.
Status UpsampleNearestReference(const UpsampleNearestParams& params, const TensorView& input,
                                const TensorView& output);

}  // namespace ml5
