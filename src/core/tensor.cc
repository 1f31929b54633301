#include "core/tensor.h"

#include <xnnpack.h>

#include <cstdlib>
#include <cstring>

namespace ml5 {

TensorView TensorView::Channels(size_t offset, size_t count) const {
  Shape slice = shape_;
  slice.c = count;
  return TensorView(data_ + offset, slice, pixel_stride_);
}

void Tensor::FreeDeleter::operator()(float* p) const { std::free(p); }

StatusOr<Tensor> Tensor::Create(const Shape& shape) {
  if (!ShapeIsAllocatable(shape)) {
    return Status::Error("cannot allocate a tensor of shape " + shape.ToString() +
                         ": every dimension must be positive and the total at most " +
                         std::to_string(kMaxTensorElements) + " elements");
  }
  // XNNPACK kernels may read up to XNN_EXTRA_BYTES past the last element.
  size_t bytes = shape.elements() * sizeof(float) + XNN_EXTRA_BYTES;
  bytes = (bytes + kAlignment - 1) / kAlignment * kAlignment;
  void* memory = std::aligned_alloc(kAlignment, bytes);
  if (memory == nullptr) {
    return Status::Error("out of memory allocating a tensor of shape " + shape.ToString());
  }
  std::memset(memory, 0, bytes);
  return Tensor(std::unique_ptr<float[], FreeDeleter>(static_cast<float*>(memory)), shape);
}

}  // namespace ml5
