// Nearest-neighbour upsampling by integer factors (Keras UpSampling2D, interpolation 'nearest').
// Plain copies: each input pixel's channels are copied scale_w times into an output row, and that
// row is copied scale_h - 1 times more. XNNPACK has no such op; its broadcasting multiply
// (x * ones) did it bit for bit, but one small channel row per call: 14x14x16 -> 28x28x16 took
// 11 us in wasm, where the copies take a fraction of it.
#pragma once

#include "core/tensor.h"
#include "core/thread_pool.h"

namespace ml5 {

struct UpsampleNearestParams {
  size_t scale_h = 2;
  size_t scale_w = 2;
};

class UpsampleNearest {
 public:
  static StatusOr<UpsampleNearest> Create(const UpsampleNearestParams& params);

  Shape OutputShape(const Shape& input) const;
  // Either view may be a channel slice.
  Status Run(const TensorView& input, const TensorView& output, ThreadPool& pool);

 private:
  explicit UpsampleNearest(const UpsampleNearestParams& params) : params_(params) {}

  UpsampleNearestParams params_;
};

Status CheckUpsampleNearestViews(const UpsampleNearestParams& params, const TensorView& input,
                                 const TensorView& output);
// Plain scalar reference of UpsampleNearest::Run.
Status UpsampleNearestReference(const UpsampleNearestParams& params, const TensorView& input,
                                const TensorView& output);

}  // namespace ml5
