// ConcatChannels against its scalar reference: bit-exact, from slices into a slice.
#include "ops/concat.h"

#include <gtest/gtest.h>

#include <array>
#include <string>

#include "op_tester.h"

namespace ml5::testing {
namespace {

class ConcatTester {
 public:
  // The first input's shape; the second has the same pixels and `second_channels`.
  ConcatTester& shape(const Shape& s, size_t second_channels) {
    first_ = s;
    second_channels_ = second_channels;
    return *this;
  }
  ConcatTester& slice_padding(size_t first, size_t second, size_t output) {
    extra_ = {first, second, output};
    return *this;
  }
  ConcatTester& randomize(Random& rng) {
    return shape({rng.Int(1, 2), rng.Int(1, 9), rng.Int(1, 9), rng.Int(1, 20)}, rng.Int(1, 20))
        .slice_padding(rng.Int(0, 3), rng.Int(0, 3), rng.Int(0, 3));
  }

  void Test(Random& rng, size_t threads) const {
    StatusOr<ConcatChannels> op = ConcatChannels::Create();
    ASSERT_TRUE(op.ok()) << op.status().message();
    for (const Shape& a : ShapesToRun(first_)) {
      Shape b = a, out = a;
      b.c = second_channels_;
      out.c = a.c + b.c;
      const std::string what = a.ToString() + " + " + std::to_string(b.c) + " channels, " +
                               std::to_string(threads) + " threads";
      PaddedTensor ta(a, extra_[0]), tb(b, extra_[1]);
      rng.Fill(ta.view(), 1.0f);
      rng.Fill(tb.view(), 1.0f);
      PaddedTensor output(out, extra_[2]), expected(out, 0);
      Status ran = op->Run({ta.view(), tb.view()}, output.view(), Pool(threads));
      ASSERT_TRUE(ran.ok()) << ran.message() << ": " << what;
      ASSERT_TRUE(ConcatChannelsReference({ta.view(), tb.view()}, expected.view()).ok());
      ExpectMatches("concat", output, expected, what, /*exact=*/true);
    }
  }

 private:
  Shape first_{1, 1, 1, 1};
  size_t second_channels_ = 1;
  std::array<size_t, 3> extra_{0, 0, 0};
};

TEST(ConcatChannels, IsBitExactOnRandomShapes) {
  Random rng(13);
  for (int i = 0; i < kRandomCases; ++i)
    for (size_t threads : {1, 2}) ConcatTester().randomize(rng).Test(rng, threads);
}

}  // namespace
}  // namespace ml5::testing
