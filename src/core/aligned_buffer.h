// A scratch buffer that only grows: operators reuse it across calls, so steady-state inference
// allocates nothing.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <memory>

namespace ml5 {

class AlignedBuffer {
 public:
  // Returns at least `bytes` bytes aligned to `alignment` (a power of two, or 0 for the default),
  // or null when memory runs out. Earlier contents are not kept.
  void* Reserve(size_t bytes, size_t alignment);
  void Release() {
    memory_.reset();
    bytes_ = alignment_ = 0;
  }

 private:
  struct FreeDeleter {
    void operator()(void* p) const { std::free(p); }
  };
  std::unique_ptr<void, FreeDeleter> memory_;
  size_t bytes_ = 0;
  size_t alignment_ = 0;
};

}  // namespace ml5
