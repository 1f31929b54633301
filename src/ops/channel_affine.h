// y = x * scale[c] + shift[c] per channel: inference-mode batch normalization, folded at load,
// and pix2pix's output mapping. One hand-written pass: XNNPACK has it as a multiply and an add,
// two passes over the tensor, each broadcasting a row at a time.
#pragma once

#include <vector>

#include "core/tensor.h"
#include "core/thread_pool.h"

namespace ml5 {

class ChannelAffine {
 public:
  static StatusOr<ChannelAffine> Create(std::vector<float> scale, std::vector<float> shift);

  // Input and output must be dense and of the same shape; output may be the input.
  Status Run(const TensorView& input, const TensorView& output, ThreadPool& pool);
  size_t channels() const { return channels_; }

 private:
  ChannelAffine(size_t channels, std::vector<float> scale, std::vector<float> shift)
      : channels_(channels), scale_(std::move(scale)), shift_(std::move(shift)) {}

  size_t channels_;
  // scale and shift repeated over whole vectors of floats: a period of the dense data.
  std::vector<float> scale_;
  std::vector<float> shift_;
};

// Plain scalar reference of ChannelAffine::Run.
Status ChannelAffineReference(const std::vector<float>& scale, const std::vector<float>& shift,
                              const TensorView& input, const TensorView& output);

}  // namespace ml5
