// The thread policy: the calibration's choice rule, a real timing run on the pool, and which
// work the pool takes.
#include "ops/thread_calibration.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

namespace ml5 {
namespace {

TEST(FastestThreadCount, PicksTheFewestThreadsWithinTheSlack) {
  EXPECT_EQ(FastestThreadCount({{1, 10.0}, {2, 5.2}, {4, 5.0}}), 2u);  // 4 is only 4% faster
  EXPECT_EQ(FastestThreadCount({{1, 10.0}, {2, 5.0}, {4, 2.6}}), 4u);
  EXPECT_EQ(FastestThreadCount({{1, 10.0}, {2, 9.5}}), 1u);  // threads that barely help
  EXPECT_EQ(FastestThreadCount({{1, 10.0}, {2, 30.0}, {4, 400.0}}), 1u);  // busy cores
  EXPECT_EQ(FastestThreadCount({{4, 2.0}, {1, 10.0}, {2, 4.0}}), 4u);     // any order
  EXPECT_EQ(FastestThreadCount({}), 1u);
}

TEST(TimeThreadCounts, TimesEveryCountAndLeavesThePoolAtTheFirst) {
  const size_t two = ThreadPool(2).threads();  // 1 on the unthreaded wasm builds
  ThreadPool pool(1);
  StatusOr<std::vector<ThreadTiming>> timings = TimeThreadCounts(pool, {1, two}, 3);
  ASSERT_TRUE(timings.ok()) << timings.status().message();
  ASSERT_EQ(timings->size(), 2u);
  EXPECT_EQ((*timings)[0].threads, 1u);
  EXPECT_EQ((*timings)[1].threads, two);
  for (const ThreadTiming& t : *timings) EXPECT_GT(t.median_ms, 0.0);
  EXPECT_EQ(pool.threads(), 1u);
}

TEST(ThreadPoolForWork, SmallWorkRunsOnTheCallerAlone) {
  ThreadPool pool(2);
  EXPECT_EQ(pool.ForWork(1000), nullptr);
  EXPECT_EQ(pool.ForWork(size_t{1} << 20), pool.get());
  pool.set_min_parallel_work(0);
  EXPECT_EQ(pool.ForWork(1), pool.get());
}

TEST(ThreadPoolCallerOnly, RunsEverythingOnTheCallerUntilCleared) {
  ThreadPool pool(2);
  const size_t threads = pool.threads();  // 1 on builds without threads
  pool.set_caller_only(true);
  EXPECT_EQ(pool.ForWork(size_t{1} << 30), nullptr);
  EXPECT_EQ(pool.threads(), threads) << "the pool's threads are kept";
  const std::thread::id caller = std::this_thread::get_id();
  std::vector<int> elsewhere(64, 0);
  pool.ParallelFor(elsewhere.size(), [&](size_t i) {
    // Each task sleeps a little, so that a second thread, if any, would take some of them.
    std::this_thread::sleep_for(std::chrono::microseconds(200));
    elsewhere[i] = std::this_thread::get_id() != caller;
  });
  EXPECT_EQ(std::count(elsewhere.begin(), elsewhere.end(), 1), 0);
  pool.set_caller_only(false);
  EXPECT_EQ(pool.ForWork(size_t{1} << 30), pool.get());
}

TEST(TimeThreadCounts, RefusesAnEmptyRun) {
  ThreadPool pool(1);
  EXPECT_FALSE(TimeThreadCounts(pool, {}, 3).ok());
  EXPECT_FALSE(TimeThreadCounts(pool, {1}, 0).ok());
}

}  // namespace
}  // namespace ml5
