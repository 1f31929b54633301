// InstanceNorm against its scalar reference, with and without gamma/beta, on slices and in place.
#include "ops/instance_norm.h"

#include <gtest/gtest.h>

#include <string>

#include "op_tester.h"

namespace ml5::testing {
namespace {

class InstanceNormTester {
 public:
  InstanceNormTester& shape(const Shape& s) {
    shape_ = s;
    return *this;
  }
  InstanceNormTester& affine(bool affine) {
    affine_ = affine;
    return *this;
  }
  InstanceNormTester& slice_padding(size_t extra) {
    extra_ = extra;
    return *this;
  }
  InstanceNormTester& in_place(bool in_place) {
    in_place_ = in_place;
    return *this;
  }
  InstanceNormTester& randomize(Random& rng) {
    return shape({rng.Int(1, 2), rng.Int(1, 17), rng.Int(1, 17), rng.Int(1, 70)})
        .affine(rng.Int(0, 3) != 0)
        .slice_padding(rng.Bool() ? rng.Int(1, 5) : 0);
  }

  void Test(Random& rng, size_t threads) const {
    InstanceNormParams p;
    p.channels = shape_.c;
    std::vector<float> gamma = rng.Floats(p.channels, 2.0f), beta = rng.Floats(p.channels, 1.0f);
    const float* g = affine_ ? gamma.data() : nullptr;
    const float* b = affine_ ? beta.data() : nullptr;
    StatusOr<InstanceNorm> op = InstanceNorm::Create(p, g, b);
    ASSERT_TRUE(op.ok()) << op.status().message();
    for (const Shape& shape : ShapesToRun(shape_)) {
      const std::string what = shape.ToString() + " +" + std::to_string(extra_) +
                               (affine_ ? " affine" : "") + (in_place_ ? " in place" : "") + ", " +
                               std::to_string(threads) + " threads";
      PaddedTensor input(shape, extra_), output(shape, extra_), expected(shape, extra_);
      rng.Fill(input.view(), 3.0f);
      // Offset the data so that the mean matters.
      for (size_t n = 0; n < shape.n; ++n)
        for (size_t y = 0; y < shape.h; ++y)
          for (size_t x = 0; x < shape.w; ++x) input.view().at(n, y, x, 0) += 5.0f;
      ASSERT_TRUE(InstanceNormReference(p, g, b, input.view(), expected.view()).ok());
      const PaddedTensor& result = in_place_ ? input : output;
      Status ran = op->Run(input.view(), result.view(), Pool(threads));
      ASSERT_TRUE(ran.ok()) << ran.message() << ": " << what;
      ExpectMatches("instance_norm", result, expected, what);
    }
  }

 private:
  Shape shape_{1, 1, 1, 1};
  bool affine_ = true;
  size_t extra_ = 0;
  bool in_place_ = false;
};

TEST(InstanceNorm, MatchesReferenceOnRandomShapes) {
  Random rng(19);
  for (int i = 0; i < kRandomCases; ++i)
    for (size_t threads : {1, 2}) InstanceNormTester().randomize(rng).Test(rng, threads);
}

TEST(InstanceNorm, RunsInPlace) {
  Random rng(23);
  InstanceNormTester().shape({1, 9, 13, 37}).affine(false).in_place(true).Test(rng, 2);
}

}  // namespace
}  // namespace ml5::testing
