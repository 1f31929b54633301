// TensorFlow's 'same' and 'valid' padding, for convolutions and transposed convolutions.
#pragma once

#include <cstddef>

#include "core/status.h"

namespace ml5 {

enum class Padding { kSame, kValid };

const char* PaddingName(Padding padding);

// How one spatial axis maps: output size, zero rows added before/after (convolution) or cropped
// before/after (transposed convolution), and the extra output rows at the end (transposed only).
struct AxisGeometry {
  size_t output = 0;
  size_t before = 0;
  size_t after = 0;
  size_t adjustment = 0;
};

// tf.nn.conv2d along one axis.
StatusOr<AxisGeometry> ConvAxis(size_t input, size_t kernel, size_t stride, Padding padding);
// tf.nn.conv2d_transpose along one axis, with Keras' output size (input * stride for 'same',
// input * stride + max(kernel - stride, 0) for 'valid').
StatusOr<AxisGeometry> ConvTransposeAxis(size_t input, size_t kernel, size_t stride,
                                         Padding padding);

}  // namespace ml5
