// Measures which thread count runs a representative GEMM fastest on this machine as it is now.
// Browsers over-report cores (WebKit says 4 on a 2-core machine) and users' cores are often busy,
// so the loader times the counts instead of trusting navigator.hardwareConcurrency.
#pragma once

#include <cstddef>
#include <vector>

#include "core/status.h"
#include "core/thread_pool.h"

namespace ml5 {

struct ThreadTiming {
  size_t threads = 1;
  double median_ms = 0;  // of the timed runs
};

// Times a GEMM of 32x32 pixels, 256 -> 128 channels (67 MFLOP, a mid-sized pix2pix layer)
// `repeats` times at every count in `counts`, keeping the median. Before the timed runs of a
// count the GEMM runs untimed for a few ms: in browsers new threads take that long to get going,
// and the JIT to optimize the kernels. Leaves `pool` at the first count.
StatusOr<std::vector<ThreadTiming>> TimeThreadCounts(ThreadPool& pool,
                                                     const std::vector<size_t>& counts,
                                                     size_t repeats);

// The fewest threads whose median is within `slack` (0.1: 10%) of the fastest: more threads
// must pay for the cores they hold.
size_t FastestThreadCount(const std::vector<ThreadTiming>& timings, double slack = 0.1);

}  // namespace ml5
