// NHWC float32 tensors. Tensor owns 64-byte aligned storage (with the tail padding XNNPACK may
// read past the end); TensorView is a non-owning window that may cover a channel slice of a wider
// buffer, which is how producers write straight into a concatenation buffer.
#pragma once

#include <cstddef>
#include <memory>

#include "core/shape.h"
#include "core/status.h"

namespace ml5 {

class TensorView {
 public:
  TensorView() = default;
  // `pixel_stride` is the distance in floats between neighbouring pixels (>= shape.c).
  TensorView(float* data, Shape shape, size_t pixel_stride)
      : data_(data), shape_(shape), pixel_stride_(pixel_stride) {}
  TensorView(float* data, Shape shape) : TensorView(data, shape, shape.c) {}

  float* data() const { return data_; }
  const Shape& shape() const { return shape_; }
  size_t pixel_stride() const { return pixel_stride_; }
  bool dense() const { return pixel_stride_ == shape_.c; }

  // Channels [offset, offset + count) of every pixel; the caller keeps them in range.
  TensorView Channels(size_t offset, size_t count) const;

  float& at(size_t n, size_t y, size_t x, size_t c) const {
    return data_[((n * shape_.h + y) * shape_.w + x) * pixel_stride_ + c];
  }

 private:
  float* data_ = nullptr;
  Shape shape_;
  size_t pixel_stride_ = 1;
};

class Tensor {
 public:
  // Alignment of every tensor's storage: one cache line, enough for any SIMD load.
  static constexpr size_t kAlignment = 64;

  Tensor() = default;
  // Zero-filled storage for `shape`, or an error for a shape too large or memory exhausted.
  static StatusOr<Tensor> Create(const Shape& shape);

  float* data() const { return storage_.get(); }
  const Shape& shape() const { return shape_; }
  size_t elements() const { return shape_.elements(); }
  TensorView view() const { return TensorView(storage_.get(), shape_); }

 private:
  struct FreeDeleter {
    void operator()(float* p) const;
  };
  Tensor(std::unique_ptr<float[], FreeDeleter> storage, Shape shape)
      : storage_(std::move(storage)), shape_(shape) {}

  std::unique_ptr<float[], FreeDeleter> storage_;
  Shape shape_{0, 0, 0, 0};
};

}  // namespace ml5
