// Unary (the activations) against its scalar reference, in place and on channel slices.
#include "ops/unary.h"

#include <gtest/gtest.h>

#include <string>

#include "op_tester.h"

namespace ml5::testing {
namespace {

class UnaryTester {
 public:
  UnaryTester& activation(Activation a) {
    activation_ = a;
    return *this;
  }
  UnaryTester& shape(const Shape& s) {
    shape_ = s;
    return *this;
  }
  UnaryTester& slice_padding(size_t extra) {
    extra_ = extra;
    return *this;
  }
  UnaryTester& in_place(bool in_place) {
    in_place_ = in_place;
    return *this;
  }
  UnaryTester& randomize(Random& rng) {
    return activation(rng.AnyActivation())
        .shape({rng.Int(1, 2), rng.Int(1, 9), rng.Int(1, 9), rng.Int(1, 40)})
        .slice_padding(rng.Bool() ? rng.Int(1, 4) : 0)
        .in_place(rng.Bool());
  }

  void Test(Random& rng, size_t threads) const {
    StatusOr<Unary> op = Unary::Create(activation_);
    ASSERT_TRUE(op.ok()) << op.status().message();
    for (const Shape& shape : ShapesToRun(shape_)) {
      const std::string what = std::string(activation_.name()) + " on " + shape.ToString() +
                               (in_place_ ? " in place" : "") + ", " + std::to_string(threads) +
                               " threads";
      PaddedTensor input(shape, extra_), output(shape, extra_), expected(shape, extra_);
      rng.Fill(input.view(), 4.0f);
      UnaryReference(activation_, input.view(), expected.view());
      const PaddedTensor& result = in_place_ ? input : output;
      Status ran = op->Run(input.view(), result.view(), Pool(threads));
      ASSERT_TRUE(ran.ok()) << ran.message() << ": " << what;
      ExpectMatches(activation_.name(), result, expected, what);
    }
  }

 private:
  Activation activation_;
  Shape shape_{1, 1, 1, 1};
  size_t extra_ = 0;
  bool in_place_ = false;
};

TEST(Unary, MatchesReferenceOnRandomShapesInPlaceAndOnSlices) {
  Random rng(11);
  for (int i = 0; i < kRandomCases; ++i)
    for (size_t threads : {1, 2}) UnaryTester().randomize(rng).Test(rng, threads);
}

}  // namespace
}  // namespace ml5::testing
