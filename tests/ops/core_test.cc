// The core types the ops stand on: tensors and the thread pool.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "op_tester.h"

namespace ml5::testing {
namespace {

TEST(Tensor, HugeOrEmptyShapesAreRefused) {
  StatusOr<Tensor> huge = Tensor::Create({1, 20000, 20000, 3});
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.status().message().find("[1, 20000, 20000, 3]"), std::string::npos);
  EXPECT_FALSE(Tensor::Create({1, 0, 5, 3}).ok());
  const size_t big = std::numeric_limits<size_t>::max() / 2;
  EXPECT_FALSE(Tensor::Create({big, big, 1, 1}).ok());  // the product overflows size_t
}

TEST(Tensor, StorageIsAligned) {
  StatusOr<Tensor> t = Tensor::Create({1, 3, 5, 7});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(reinterpret_cast<uintptr_t>(t->data()) % Tensor::kAlignment, 0u);
  EXPECT_EQ(t->data()[3 * 5 * 7 - 1], 0.0f);
}

TEST(ThreadPool, HasTheRequestedThreadsWhereThreadsExist) {
  ThreadPool pool(1);
  EXPECT_EQ(pool.threads(), 1u);
  Status status = pool.SetThreads(2);
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
  EXPECT_FALSE(status.ok());  // the unthreaded build says so instead of pretending
  EXPECT_EQ(pool.threads(), 1u);
#else
  EXPECT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(pool.threads(), 2u);
#endif
}

// The harness's own guards: a value an op leaves unwritten is NaN and fails the comparison.
TEST(OpTester, UnwrittenOutputsAndStrayWritesShow) {
  PaddedTensor output({1, 2, 2, 3}, 1), expected({1, 2, 2, 3}, 1);
  EXPECT_EQ(output.NonFinite(), 12u);
  Random rng(1);
  rng.Fill(expected.view(), 1.0f);
  rng.Fill(output.view(), 1.0f);
  EXPECT_EQ(output.NonFinite(), 0u);
  output.view().at(0, 1, 1, 2) = std::numeric_limits<float>::quiet_NaN();
  EXPECT_EQ(output.NonFinite(), 1u);
  EXPECT_EQ(RelativeError(output.view(), expected.view()), INFINITY);
  EXPECT_TRUE(output.PaddingIntact());
  output.view().data()[3] = 0.0f;  // the first pixel's padding float
  EXPECT_FALSE(output.PaddingIntact());
}

}  // namespace
}  // namespace ml5::testing
