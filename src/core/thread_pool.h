// Owns the pthreadpool that XNNPACK operators and the hand-written kernels run on.
// One thread means "run on the caller": XNNPACK then gets a null pool.
#pragma once

#include <pthreadpool.h>

#include <cstddef>
#include <cstdint>
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
  // The pool for work of `work` scalar operations (multiply-adds, or elements touched), or null
  // (the caller's thread alone) when it is too small to pay for waking the other threads: on
  // busy or over-reported cores a wake can wait for a scheduler slice, milliseconds, and a small
  // op would then be many times slower than on one thread.
  pthreadpool_t ForWork(size_t work) const {
    return !caller_only_ && work >= min_parallel_work_ ? pool_.get() : nullptr;
  }
  // Tests set 0 to run even the smallest op on every thread.
  void set_min_parallel_work(size_t work) { min_parallel_work_ = work; }
  // Runs everything on the caller's thread while set, keeping the pool's threads for later: the
  // JS thread policy switches per call when its timings show one thread to be faster.
  void set_caller_only(bool caller_only) { caller_only_ = caller_only; }

  // Runs task(i) for every i in [0, count), spread over the threads (idle ones steal work), or
  // on the caller's thread alone where ForWork(work) says so.
  void ParallelFor(size_t count, const std::function<void(size_t)>& task, size_t work = SIZE_MAX);

  // The process-wide pool that the JS API runs on (starts with 1 thread).
  static ThreadPool& Shared();

 private:
  struct Deleter {
    void operator()(pthreadpool_t pool) const { pthreadpool_destroy(pool); }
  };
  std::unique_ptr<pthreadpool, Deleter> pool_;
  size_t threads_ = 1;
  size_t min_parallel_work_ = size_t{1} << 20;  // about 0.05-0.1 ms on one thread
  bool caller_only_ = false;
};

}  // namespace ml5
