// Rectify against the scalar activations (UnaryReference), with one output and with two, on
// channel slices and in place.
#include "ops/rectify.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "op_tester.h"
#include "ops/unary.h"

namespace ml5::testing {
namespace {

class RectifyTester {
 public:
  RectifyTester& shape(const Shape& s) {
    shape_ = s;
    return *this;
  }
  RectifyTester& slice_padding(size_t extra) {
    extra_ = extra;
    return *this;
  }
  // The first output is the input itself.
  RectifyTester& in_place(bool in_place) {
    in_place_ = in_place;
    return *this;
  }
  RectifyTester& first(Activation activation) {
    first_ = activation;
    return *this;
  }
  RectifyTester& second(Activation activation) {
    second_ = activation;
    return *this;
  }
  RectifyTester& randomize(Random& rng) {
    shape({rng.Int(1, 2), rng.Int(1, 9), rng.Int(1, 9), rng.Int(1, 40)})
        .slice_padding(rng.Bool() ? rng.Int(1, 5) : 0)
        .in_place(rng.Bool())
        .first(rng.AnyRectifier());
    if (rng.Bool()) second(rng.AnyRectifier());
    return *this;
  }

  void Test(Random& rng, size_t threads) const {
    for (const Shape& shape : ShapesToRun(shape_)) {
      const std::string what = shape.ToString() + " +" + std::to_string(extra_) + ", " +
                               first_.name() + (in_place_ ? " in place" : "") +
                               (second_ ? std::string(", second ") + second_->name() : "") + ", " +
                               std::to_string(threads) + " threads";
      PaddedTensor input(shape, extra_), output(shape, extra_ + 2), second(shape, extra_ + 1);
      PaddedTensor expected(shape, extra_), second_expected(shape, extra_);
      rng.Fill(input.view(), 3.0f);
      UnaryReference(first_, input.view(), expected.view());
      if (second_) UnaryReference(*second_, input.view(), second_expected.view());
      const PaddedTensor& result = in_place_ ? input : output;
      const ActivatedOutput to_second{second.view(), second_.value_or(Activation::Linear())};
      Status ran = Rectify(input.view(), {result.view(), first_}, second_ ? &to_second : nullptr,
                           Pool(threads));
      ASSERT_TRUE(ran.ok()) << ran.message() << ": " << what;
      ExpectMatches("rectify", result, expected, what);
      if (second_) ExpectMatches("rectify second output", second, second_expected, what);
    }
  }

 private:
  Shape shape_{1, 1, 1, 1};
  size_t extra_ = 0;
  bool in_place_ = false;
  Activation first_ = Activation::Relu();
  std::optional<Activation> second_;
};

TEST(Rectify, MatchesReferenceOnRandomShapes) {
  Random rng(31);
  for (int i = 0; i < kRandomCases; ++i)
    for (size_t threads : {1, 2}) RectifyTester().randomize(rng).Test(rng, threads);
}

// pix2pix's first encoder output: relu in place (a slice of the skip buffer), leaky relu beside.
TEST(Rectify, WritesReluInPlaceAndLeakyReluBeside) {
  Random rng(37);
  for (size_t threads : {1, 2}) {
    RectifyTester()
        .shape({1, 32, 32, 8})
        .slice_padding(8)
        .in_place(true)
        .first(Activation::Relu())
        .second(Activation::LeakyRelu(0.2f))
        .Test(rng, threads);
  }
}

TEST(Rectify, RejectsOtherActivationsAndShapes) {
  Tensor in = *Tensor::Create({1, 2, 2, 4}), small = *Tensor::Create({1, 2, 1, 4});
  Status tanh = Rectify(in.view(), {in.view(), Activation::Tanh()}, nullptr, Pool(1));
  EXPECT_NE(tanh.message().find("tanh"), std::string::npos) << tanh.message();
  // max(y, y * slope) is leaky relu only for slopes within [0, 1].
  Status steep = Rectify(in.view(), {in.view(), Activation::LeakyRelu(1.5f)}, nullptr, Pool(1));
  EXPECT_NE(steep.message().find("leaky_relu with slope 1.5"), std::string::npos)
      << steep.message();
  const ActivatedOutput wrong{small.view(), Activation::Relu()};
  Status shape = Rectify(in.view(), {in.view(), Activation::Relu()}, &wrong, Pool(1));
  EXPECT_NE(shape.message().find("second output is [1, 2, 1, 4]"), std::string::npos)
      << shape.message();
}

}  // namespace
}  // namespace ml5::testing
