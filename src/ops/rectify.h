// Linear, relu or leaky relu, written to one tensor or to two in one pass over the input: where
// a tensor has two consumers (pix2pix's first encoder output: relu for the skip connection,
// leaky relu for the next encoder). XNNPACK's unary operators write one output, and run a
// channel slice one pixel at a time, which is slow for the 8 to 64 channels of pix2pix.
#pragma once

#include "core/tensor.h"
#include "core/thread_pool.h"
#include "ops/rectifier.h"

namespace ml5 {

// Outputs may be the input itself, and any of them a channel slice. second may be null.
Status Rectify(const TensorView& input, const ActivatedOutput& first, const ActivatedOutput* second,
               ThreadPool& pool);

}  // namespace ml5
