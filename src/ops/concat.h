// Concatenation along channels with XNNPACK's copy operator.
//
// Graphs should avoid this copy where they can: allocate the concatenated tensor once and let
// each producer write into its slice, `concat.view().Channels(offset, count)`, by creating the
// producer with `output_pixel_stride` = the total channel count. ConcatChannels is for inputs
// that already exist elsewhere.
#pragma once

#include <vector>

#include "core/tensor.h"
#include "core/thread_pool.h"
#include "core/xnnpack_util.h"

namespace ml5 {

class ConcatChannels {
 public:
  static StatusOr<ConcatChannels> Create();

  // Inputs must agree in n, h and w; their channels add up to the output's.
  Status Run(const std::vector<TensorView>& inputs, const TensorView& output, ThreadPool& pool);

 private:
  explicit ConcatChannels(XnnOperator copy) : copy_(std::move(copy)) {}
  XnnOperator copy_;
};

Status CheckConcatViews(const std::vector<TensorView>& inputs, const TensorView& output);
// Plain scalar reference of ConcatChannels::Run.
Status ConcatChannelsReference(const std::vector<TensorView>& inputs, const TensorView& output);

}  // namespace ml5
