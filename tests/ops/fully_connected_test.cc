// FullyConnected against its scalar reference: every pixel of every image through one matrix,
// as the CVAE runs it on a batch that changes per call.
#include "ops/fully_connected.h"

#include <gtest/gtest.h>

#include <string>

#include "op_tester.h"

namespace ml5::testing {
namespace {

class FullyConnectedTester {
 public:
  FullyConnectedTester& channels(size_t in, size_t out) {
    p_.in_channels = in;
    p_.out_channels = out;
    return *this;
  }
  // Input pixels: n x h x w of them.
  FullyConnectedTester& pixels(size_t n, size_t h, size_t w) {
    pixels_ = Shape{n, h, w, 1};
    return *this;
  }
  FullyConnectedTester& activation(Activation a) {
    p_.activation = a;
    return *this;
  }
  FullyConnectedTester& slice_padding(size_t in, size_t out) {
    in_extra_ = in;
    out_extra_ = out;
    return *this;
  }
  FullyConnectedTester& randomize(Random& rng) {
    return channels(rng.Int(1, 300), rng.Int(1, 64))
        .pixels(rng.Int(1, 3), rng.Int(1, 4), rng.Int(1, 4))
        .activation(rng.AnyActivation())
        .slice_padding(rng.Bool() ? rng.Int(1, 4) : 0, rng.Bool() ? rng.Int(1, 4) : 0);
  }

  void Test(Random& rng, size_t threads) const {
    FullyConnectedParams p = p_;
    p.input_pixel_stride = p.in_channels + in_extra_;
    p.output_pixel_stride = p.out_channels + out_extra_;
    std::vector<float> kernel = rng.Floats(p.in_channels * p.out_channels, 1.0f);
    std::vector<float> bias = rng.Floats(p.out_channels, 1.0f);
    StatusOr<FullyConnected> op = FullyConnected::Create(p, kernel.data(), bias.data());
    ASSERT_TRUE(op.ok()) << op.status().message();
    Shape first = pixels_;
    first.c = p.in_channels;
    for (const Shape& in_shape : ShapesToRun(first)) {
      Shape out_shape = in_shape;
      out_shape.c = p.out_channels;
      const std::string what = std::to_string(p.in_channels) + "->" +
                               std::to_string(p.out_channels) + " " + p.activation.name() + " on " +
                               in_shape.ToString() + ", " + std::to_string(threads) + " threads";
      PaddedTensor input(in_shape, in_extra_), output(out_shape, out_extra_),
          expected(out_shape, out_extra_);
      rng.Fill(input.view(), 1.0f);
      Status ran = op->Run(input.view(), output.view(), Pool(threads));
      ASSERT_TRUE(ran.ok()) << ran.message() << ": " << what;
      ASSERT_TRUE(
          FullyConnectedReference(p, kernel.data(), bias.data(), input.view(), expected.view())
              .ok());
      ExpectMatches("fully_connected", output, expected, what);
    }
  }

 private:
  FullyConnectedParams p_;
  Shape pixels_{1, 1, 1, 1};
  size_t in_extra_ = 0;
  size_t out_extra_ = 0;
};

TEST(FullyConnected, MatchesReferenceOnRandomShapes) {
  Random rng(7);
  for (int i = 0; i < kRandomCases; ++i)
    for (size_t threads : {1, 2}) FullyConnectedTester().randomize(rng).Test(rng, threads);
}

// The CVAE decoder's Dense layer (67 -> 784) for a batch of one, then 16.
TEST(FullyConnected, CvaeDenseShape) {
  Random rng(8);
  FullyConnectedTester()
      .channels(67, 784)
      .pixels(1, 1, 1)
      .activation(Activation::Relu())
      .Test(rng, 2);
  FullyConnectedTester()
      .channels(67, 784)
      .pixels(16, 1, 1)
      .activation(Activation::Relu())
      .Test(rng, 2);
}

}  // namespace
}  // namespace ml5::testing
