// y = x * scale[c] + shift[c] per channel: inference-mode batch normalization, folded at load,
// and pix2pix's output mapping. Runs on XNNPACK's broadcasting multiply and add.
#pragma once

#include <vector>

#include "core/tensor.h"
#include "core/thread_pool.h"
#include "core/xnnpack_util.h"

namespace ml5 {

class ChannelAffine {
 public:
  static StatusOr<ChannelAffine> Create(std::vector<float> scale, std::vector<float> shift);

  // Input and output must be dense and of the same shape; output may be the input.
  Status Run(const TensorView& input, const TensorView& output, ThreadPool& pool);
  size_t channels() const { return channels_; }

 private:
  ChannelAffine(size_t channels, std::vector<float> scale, std::vector<float> shift,
                XnnOperator multiply, XnnOperator add)
      : channels_(channels),
        scale_(std::move(scale)),
        shift_(std::move(shift)),
        multiply_(std::move(multiply)),
        add_(std::move(add)) {}

  size_t channels_;
  // scale and shift repeated for several pixels in a row (see Run()).
  std::vector<float> scale_;
  std::vector<float> shift_;
  XnnOperator multiply_;
  XnnOperator add_;
};

// Plain scalar reference of ChannelAffine::Run.
Status ChannelAffineReference(const std::vector<float>& scale, const std::vector<float>& shift,
                              const TensorView& input, const TensorView& output);

}  // namespace ml5
