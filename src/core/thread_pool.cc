#include "core/thread_pool.h"

#include <algorithm>
#include <string>
#include <thread>

namespace ml5 {

ThreadPool::ThreadPool(size_t threads) { (void)SetThreads(threads); }

ThreadPool& ThreadPool::Shared() {
  static ThreadPool pool(1);
  return pool;
}

void ThreadPool::ParallelFor(size_t count, const std::function<void(size_t)>& task, size_t work) {
  pthreadpool_parallelize_1d(
      ForWork(work),
      [](void* context, size_t i) {
        (*static_cast<const std::function<void(size_t)>*>(context))(i);
      },
      const_cast<std::function<void(size_t)>*>(&task), count, /*flags=*/0);
}

Status ThreadPool::SetThreads(size_t threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  pool_.reset();
  threads_ = 1;
  if (threads == 1) return Status();
  pthreadpool_t pool = pthreadpool_create(threads);
  if (pool == nullptr) {
    return Status::Error("could not start a thread pool of " + std::to_string(threads) +
                         " threads; running on 1 thread");
  }
  pool_.reset(pool);
  threads_ = pthreadpool_get_threads_count(pool);
  return Status();
}

}  // namespace ml5
