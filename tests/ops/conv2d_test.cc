// Conv2D against its scalar reference.
#include <gtest/gtest.h>

#include "conv_tester.h"

namespace ml5::testing {
namespace {

TEST(Conv2D, MatchesReferenceOnRandomShapes) {
  Random rng(2024);
  for (int i = 0; i < kRandomCases; ++i)
    for (size_t threads : {1, 2}) Conv2DTester().randomize(rng).Test(rng, threads);
}

// Kernels as a .pict holds them (codes into a 256-value table), decoded as they are reordered.
TEST(Conv2D, CodedKernelsMatchReference) {
  Random rng(2034);
  for (int i = 0; i < kRandomCases; ++i)
    Conv2DTester().randomize(rng).coded_kernel(true).Test(rng, 1);
  Conv2DTester().input_size(9, 7).kernel(3, 2).channels(37, 21).coded_kernel(true).Test(rng, 2);
}

TEST(Conv2D, Pix2PixEncoderShape) {
  Random rng(1);
  Conv2DTester()
      .input_size(32, 32)
      .kernel(4, 4)
      .stride(2, 2)
      .channels(16, 32)
      .with_bias(false)
      .Test(rng, 2);
}

// Kernels go to XNNPACK's layout in 16 x 16 tiles: channel counts with partial tiles on both axes.
TEST(Conv2D, KernelsWithPartialTilesOfChannels) {
  Random rng(9);
  Conv2DTester().input_size(9, 7).kernel(3, 2).channels(37, 21).Test(rng, 1);
  Conv2DTester().input_size(6, 6).kernel(1, 1).channels(16, 48).Test(rng, 2);
}

// 'same' with a kernel smaller than the stride: the padding depends on the input size, so one op
// run on several sizes must follow each (Conv2D repacks for a new padding; see conv2d.h).
TEST(Conv2D, KernelSmallerThanStrideFollowsTheInputSize) {
  Random rng(5);
  Conv2DParams p;
  p.kernel_h = 3;
  p.kernel_w = 2;
  p.stride_h = 4;
  p.stride_w = 3;
  p.in_channels = 3;
  p.out_channels = 5;
  std::vector<float> kernel = rng.Floats(3 * 2 * 3 * 5, 1.0f), bias = rng.Floats(5, 1.0f);
  StatusOr<Conv2D> op = Conv2D::Create(p, kernel.data(), bias.data());
  ASSERT_TRUE(op.ok()) << op.status().message();
  for (size_t size : {9, 10, 12, 9, 13}) {
    Shape in{1, size, size + 1, 3};
    StatusOr<Shape> out = op->OutputShape(in);
    ASSERT_TRUE(out.ok());
    PaddedTensor input(in, 0), output(*out, 0), expected(*out, 0);
    rng.Fill(input.view(), 1.0f);
    ASSERT_TRUE(op->Run(input.view(), output.view(), Pool(1)).ok());
    ASSERT_TRUE(Conv2DReference(p, kernel.data(), bias.data(), input.view(), expected.view()).ok());
    ExpectMatches("conv2d", output, expected, "input " + in.ToString());
  }
}

// The profiles' GFLOP/s: all taps for a convolution, the sub-convolutions' taps for a transposed
// one.
TEST(ConvFlops, CountsTheMultiplyAddsTheGemmDoes) {
  ConvParams p;
  p.kernel_h = p.kernel_w = 4;
  p.stride_h = p.stride_w = 2;
  p.in_channels = 3;
  p.out_channels = 8;
  EXPECT_EQ(ConvFlops(p, {1, 128, 128, 8}, false), 2.0 * 128 * 128 * 8 * (4 * 4 * 3));
  EXPECT_EQ(ConvFlops(p, {2, 256, 256, 8}, true), 2.0 * 2 * 256 * 256 * 8 * (2 * 2 * 3));
  p.kernel_w = 3;  // ceil(3 / 2) = 2 taps across
  EXPECT_EQ(ConvFlops(p, {1, 4, 4, 8}, true), 2.0 * 4 * 4 * 8 * (2 * 2 * 3));
}

// Bad input gets an error that names the op and the problem, never a crash.
TEST(Conv2D, WrongShapesAreReportedByName) {
  Conv2DParams p;
  p.kernel_h = p.kernel_w = 3;
  p.in_channels = 4;
  p.out_channels = 2;
  std::vector<float> kernel(3 * 3 * 4 * 2, 0.5f);
  StatusOr<Conv2D> conv = Conv2D::Create(p, kernel.data(), nullptr);
  ASSERT_TRUE(conv.ok());
  StatusOr<Tensor> input = Tensor::Create({1, 5, 5, 3});
  StatusOr<Tensor> output = Tensor::Create({1, 5, 5, 2});
  Status status = conv->Run(input->view(), output->view(), Pool(1));
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("conv2d"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("4 channels"), std::string::npos) << status.message();

  p.padding = Padding::kValid;
  StatusOr<Conv2D> valid = Conv2D::Create(p, kernel.data(), nullptr);
  ASSERT_TRUE(valid.ok());
  StatusOr<Shape> tiny = valid->OutputShape({1, 2, 2, 4});
  ASSERT_FALSE(tiny.ok());
  EXPECT_NE(tiny.status().message().find("smaller than the kernel"), std::string::npos);

  EXPECT_FALSE(Conv2D::Create(p, nullptr, nullptr).ok());
  p.kernel_h = 0;
  EXPECT_FALSE(Conv2D::Create(p, kernel.data(), nullptr).ok());
}

}  // namespace
}  // namespace ml5::testing
