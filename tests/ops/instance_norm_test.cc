// InstanceNorm against its scalar reference, with and without gamma/beta, on slices and in place,
// with its fused activations and its second output.
#include "ops/instance_norm.h"

#include <gtest/gtest.h>

#include <optional>
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
  InstanceNormTester& activation(Activation activation) {
    activation_ = activation;
    return *this;
  }
  // Also writes a second output under `activation`.
  InstanceNormTester& second(Activation activation) {
    second_ = activation;
    return *this;
  }
  InstanceNormTester& randomize(Random& rng) {
    shape({rng.Int(1, 2), rng.Int(1, 17), rng.Int(1, 17), rng.Int(1, 70)})
        .affine(rng.Int(0, 3) != 0)
        .slice_padding(rng.Bool() ? rng.Int(1, 5) : 0)
        .activation(rng.AnyRectifier());
    if (rng.Bool()) second(rng.AnyRectifier());
    return *this;
  }

  void Test(Random& rng, size_t threads) const {
    InstanceNormParams p;
    p.channels = shape_.c;
    p.activation = activation_;
    std::vector<float> gamma = rng.Floats(p.channels, 2.0f), beta = rng.Floats(p.channels, 1.0f);
    const float* g = affine_ ? gamma.data() : nullptr;
    const float* b = affine_ ? beta.data() : nullptr;
    StatusOr<InstanceNorm> op = InstanceNorm::Create(p, g, b);
    ASSERT_TRUE(op.ok()) << op.status().message();
    for (const Shape& shape : ShapesToRun(shape_)) {
      const std::string what = shape.ToString() + " +" + std::to_string(extra_) +
                               (affine_ ? " affine" : "") + (in_place_ ? " in place" : "") + ", " +
                               activation_.name() +
                               (second_ ? std::string(", second ") + second_->name() : "") + ", " +
                               std::to_string(threads) + " threads";
      PaddedTensor input(shape, extra_), output(shape, extra_), expected(shape, extra_);
      PaddedTensor second(shape, extra_ + 1), second_expected(shape, extra_ + 1);
      rng.Fill(input.view(), 3.0f);
      // Offset the data so that the mean matters.
      for (size_t n = 0; n < shape.n; ++n)
        for (size_t y = 0; y < shape.h; ++y)
          for (size_t x = 0; x < shape.w; ++x) input.view().at(n, y, x, 0) += 5.0f;
      const ActivatedOutput expected_second{second_expected.view(),
                                            second_.value_or(Activation::Linear())};
      ASSERT_TRUE(InstanceNormReference(p, g, b, input.view(), expected.view(),
                                        second_ ? &expected_second : nullptr)
                      .ok());
      const PaddedTensor& result = in_place_ ? input : output;
      const ActivatedOutput to_second{second.view(), expected_second.activation};
      Status ran =
          op->Run(input.view(), result.view(), Pool(threads), second_ ? &to_second : nullptr);
      ASSERT_TRUE(ran.ok()) << ran.message() << ": " << what;
      ExpectMatches("instance_norm", result, expected, what);
      if (second_) ExpectMatches("instance_norm second output", second, second_expected, what);
    }
  }

 private:
  Shape shape_{1, 1, 1, 1};
  bool affine_ = true;
  size_t extra_ = 0;
  bool in_place_ = false;
  Activation activation_ = Activation::Linear();
  std::optional<Activation> second_;
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

// pix2pix's encoders: relu(y) in place for the skip connection, leaky_relu(y) for the next one.
TEST(InstanceNorm, WritesReluInPlaceAndLeakyReluBeside) {
  Random rng(29);
  for (size_t threads : {1, 2}) {
    InstanceNormTester()
        .shape({1, 16, 16, 64})
        .in_place(true)
        .slice_padding(64)
        .activation(Activation::Relu())
        .second(Activation::LeakyRelu(0.2f))
        .Test(rng, threads);
  }
}

TEST(InstanceNorm, RejectsActivationsItCannotFuse) {
  InstanceNormParams p;
  p.channels = 4;
  p.activation = Activation::Tanh();
  StatusOr<InstanceNorm> tanh = InstanceNorm::Create(p, nullptr, nullptr);
  ASSERT_FALSE(tanh.ok());
  EXPECT_NE(tanh.status().message().find("tanh"), std::string::npos) << tanh.status().message();

  p.activation = Activation::Relu();
  StatusOr<InstanceNorm> op = InstanceNorm::Create(p, nullptr, nullptr);
  ASSERT_TRUE(op.ok());
  Tensor in = *Tensor::Create({1, 2, 2, 4}), second = *Tensor::Create({1, 2, 2, 4});
  const ActivatedOutput sigmoid{second.view(), Activation::Sigmoid()};
  Status ran = op->Run(in.view(), in.view(), Pool(1), &sigmoid);
  EXPECT_NE(ran.message().find("sigmoid"), std::string::npos) << ran.message();
  Tensor small = *Tensor::Create({1, 2, 1, 4});
  const ActivatedOutput wrong_shape{small.view(), Activation::Relu()};
  ran = op->Run(in.view(), in.view(), Pool(1), &wrong_shape);
  EXPECT_NE(ran.message().find("second output"), std::string::npos) << ran.message();
}

}  // namespace
}  // namespace ml5::testing
