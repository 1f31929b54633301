// Copies every pixel of one view into another of the same shape (either may be a channel slice).
#pragma once

#include "core/tensor.h"
#include "core/thread_pool.h"

namespace ml5 {

Status CopyPixels(const TensorView& input, const TensorView& output, ThreadPool& pool);

}  // namespace ml5
