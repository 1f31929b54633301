// Owns the pthreadpool that XNNPACK operators and the hand-written kernels run on.
// One thread means "run on the caller": XNNPACK then gets a null pool.
#pragma once

#include <pthreadpool.h>

#include <cstddef>
#include <functional>
#include <memory>

#include "core/status.h"

namespace ml5 {

class ThreadPool {
 public:
  // Starts `threads` threads in all (the caller counts as one); 0 picks the hardware count.
  explicit ThreadPool(size_t threads = 1);

  size_t threads() const { return threads_; }
  // Replaces the pool. On the threaded wasm build the count must stay within the worker pool
  // that the JS loader started, which the caller checks.
  Status SetThreads(size_t threads);
  pthreadpool_t get() const { return pool_.get(); }

  // Runs task(i) for every i in [0, count), spread over the threads (idle ones steal work).
  void ParallelFor(size_t count, const std::function<void(size_t)>& task);

  // The process-wide pool that the JS API runs on (starts with 1 thread).
  static ThreadPool& Shared();

 private:
  struct Deleter {
    void operator()(pthreadpool_t pool) const { pthreadpool_destroy(pool); }
  };
  std::unique_ptr<pthreadpool, Deleter> pool_;
  size_t threads_ = 1;
};

}  // namespace ml5
