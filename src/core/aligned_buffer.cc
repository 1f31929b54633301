#include "core/aligned_buffer.h"

#include <algorithm>

namespace ml5 {

void* AlignedBuffer::Reserve(size_t bytes, size_t alignment) {
  alignment = std::max<size_t>(alignment, 64);
  if (bytes == 0) return memory_.get();
  if (bytes <= bytes_ && alignment <= alignment_) return memory_.get();
  memory_.reset();
  bytes_ = alignment_ = 0;
  size_t rounded = (bytes + alignment - 1) / alignment * alignment;
  if (rounded < bytes) return nullptr;
  void* memory = std::aligned_alloc(alignment, rounded);
  if (memory == nullptr) return nullptr;
  memory_.reset(memory);
  bytes_ = rounded;
  alignment_ = alignment;
  return memory;
}

}  // namespace ml5
