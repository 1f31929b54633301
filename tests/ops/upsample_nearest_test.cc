// UpsampleNearest against its scalar reference: bit-exact, on dense tensors and channel slices.
#include "ops/upsample_nearest.h"

#include <gtest/gtest.h>

#include <string>

#include "op_tester.h"

namespace ml5::testing {
namespace {

class UpsampleNearestTester {
 public:
  UpsampleNearestTester& scale(size_t h, size_t w) {
    p_ = {h, w};
    return *this;
  }
  UpsampleNearestTester& shape(const Shape& s) {
    shape_ = s;
    return *this;
  }
  // Extra floats after each pixel's channels: a channel slice of a wider tensor.
  UpsampleNearestTester& padding(size_t input, size_t output) {
    input_padding_ = input;
    output_padding_ = output;
    return *this;
  }
  UpsampleNearestTester& randomize(Random& rng) {
    return scale(rng.Int(1, 4), rng.Int(1, 4))
        .shape({rng.Int(1, 2), rng.Int(1, 7), rng.Int(1, 7), rng.Int(1, 20)})
        .padding(rng.Int(0, 1) * rng.Int(1, 5), rng.Int(0, 1) * rng.Int(1, 5));
  }

  void Test(Random& rng, size_t threads) const {
    StatusOr<UpsampleNearest> op = UpsampleNearest::Create(p_);
    ASSERT_TRUE(op.ok()) << op.status().message();
    for (const Shape& in : ShapesToRun(shape_)) {
      const std::string what = in.ToString() + " x" + std::to_string(p_.scale_h) + "x" +
                               std::to_string(p_.scale_w) + ", " + std::to_string(threads) +
                               " threads";
      PaddedTensor input(in, input_padding_), output(op->OutputShape(in), output_padding_);
      PaddedTensor expected(op->OutputShape(in), 0);
      rng.Fill(input.view(), 1.0f);
      Status ran = op->Run(input.view(), output.view(), Pool(threads));
      ASSERT_TRUE(ran.ok()) << ran.message() << ": " << what;
      ASSERT_TRUE(UpsampleNearestReference(p_, input.view(), expected.view()).ok());
      ExpectMatches("upsample_nearest", output, expected, what, /*exact=*/true);
    }
  }

 private:
  UpsampleNearestParams p_{2, 2};
  Shape shape_{1, 1, 1, 1};
  size_t input_padding_ = 0, output_padding_ = 0;
};

TEST(UpsampleNearest, IsBitExactOnRandomShapes) {
  Random rng(17);
  for (int i = 0; i < kRandomCases; ++i)
    for (size_t threads : {1, 2}) UpsampleNearestTester().randomize(rng).Test(rng, threads);
}

// The CVAE's shapes, where a dense output row is copied whole.
TEST(UpsampleNearest, IsBitExactOnTheCvaeShapes) {
  Random rng(18);
  UpsampleNearestTester().shape({1, 7, 7, 32}).Test(rng, 1);
  UpsampleNearestTester().shape({1, 14, 14, 16}).Test(rng, 1);
  UpsampleNearestTester().shape({3, 14, 14, 16}).padding(3, 0).Test(rng, 2);
}

}  // namespace
}  // namespace ml5::testing
