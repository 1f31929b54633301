// ChannelAffine (folded batch norm: x * scale + shift per channel) against its scalar reference.
#include "ops/channel_affine.h"

#include <gtest/gtest.h>

#include <string>

#include "op_tester.h"

namespace ml5::testing {
namespace {

class ChannelAffineTester {
 public:
  ChannelAffineTester& shape(const Shape& s) {
    shape_ = s;
    return *this;
  }
  ChannelAffineTester& randomize(Random& rng) {
    return shape({rng.Int(1, 2), rng.Int(1, 9), rng.Int(1, 9), rng.Int(1, 40)});
  }

  void Test(Random& rng, size_t threads) const {
    std::vector<float> scale = rng.Floats(shape_.c, 2.0f), shift = rng.Floats(shape_.c, 1.0f);
    StatusOr<ChannelAffine> op = ChannelAffine::Create(scale, shift);
    ASSERT_TRUE(op.ok()) << op.status().message();
    for (const Shape& shape : ShapesToRun(shape_)) {
      const std::string what = shape.ToString() + ", " + std::to_string(threads) + " threads";
      PaddedTensor input(shape, 0), output(shape, 0), expected(shape, 0);
      rng.Fill(input.view(), 3.0f);
      Status ran = op->Run(input.view(), output.view(), Pool(threads));
      ASSERT_TRUE(ran.ok()) << ran.message() << ": " << what;
      ASSERT_TRUE(ChannelAffineReference(scale, shift, input.view(), expected.view()).ok());
      ExpectMatches("channel_affine", output, expected, what);
    }
  }

 private:
  Shape shape_{1, 1, 1, 1};
};

TEST(ChannelAffine, MatchesReferenceOnRandomShapes) {
  Random rng(29);
  for (int i = 0; i < kRandomCases; ++i)
    for (size_t threads : {1, 2}) ChannelAffineTester().randomize(rng).Test(rng, threads);
}

// The values repeat over a period of whole vectors: sizes that end on a period and sizes with a
// tail after the last one, and an image of many tasks (pix2pix's output, 256x256x3).
TEST(ChannelAffine, RepeatsValuesOverPeriodsOfVectors) {
  Random rng(31);
  for (size_t channels : {1, 3, 5, 64})
    for (const Shape& shape : {Shape{1, 32, 48, channels}, Shape{1, 6, 4, channels},
                               Shape{2, 3, 2, channels}, Shape{1, 7, 5, channels}})
      ChannelAffineTester().shape(shape).Test(rng, 2);
  for (size_t threads : {1, 2}) ChannelAffineTester().shape({1, 256, 256, 3}).Test(rng, threads);
}

}  // namespace
}  // namespace ml5::testing
