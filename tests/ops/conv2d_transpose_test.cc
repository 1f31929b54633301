// Conv2DTranspose, each method (by phases, by columns and XNNPACK's deconvolution), against its
// scalar reference.
#include <gtest/gtest.h>

#include <tuple>

#include "conv_tester.h"

namespace ml5::testing {
namespace {

// Any shape `method` takes: phases only on kernels that are multiples of the stride (the shapes
// that have a phase form).
ConvTester<Conv2DTranspose, Conv2DTransposeParams> RandomTester(Conv2DTransposeMethod method,
                                                                Random& rng) {
  auto tester = Conv2DTransposeTester(method);
  tester.randomize(rng);
  if (method == Conv2DTransposeMethod::kPhases) {
    size_t sh = rng.Int(1, 3), sw = rng.Int(1, 3);
    tester.stride(sh, sw).kernel(sh * rng.Int(1, 2), sw * rng.Int(1, 2));
  }
  return tester;
}

constexpr Conv2DTransposeMethod kMethods[] = {Conv2DTransposeMethod::kDeconvolution,
                                              Conv2DTransposeMethod::kPhases,
                                              Conv2DTransposeMethod::kColumns};

// Each method, forced. Which one kFastest picks is tested on pix2pix's shapes below.
TEST(Conv2DTranspose, EachMethodMatchesReferenceOnRandomShapes) {
  Random rng(2025);
  for (auto method : kMethods)
    for (int i = 0; i < kRandomCases; ++i)
      for (size_t threads : {1, 2}) RandomTester(method, rng).Test(rng, threads);
}

// Kernels as a .pict holds them (codes into a 256-value table), decoded as each method reorders
// them.
TEST(Conv2DTranspose, CodedKernelsMatchReference) {
  Random rng(2035);
  for (auto method : kMethods)
    for (int i = 0; i < kRandomCases; ++i)
      RandomTester(method, rng).coded_kernel(true).Test(rng, 1);
}

TEST(Conv2DTranspose, PhasesNeedAStrideThatDividesTheKernel) {
  Conv2DTransposeParams p;
  p.kernel_h = p.kernel_w = 3;
  p.stride_h = p.stride_w = 2;
  std::vector<float> kernel(9, 1.0f);
  StatusOr<Conv2DTranspose> op =
      Conv2DTranspose::Create(p, kernel.data(), nullptr, Conv2DTransposeMethod::kPhases);
  ASSERT_FALSE(op.ok());
  EXPECT_NE(op.status().message().find("no phase form"), std::string::npos);
  p.out_channels = 8;  // where kFastest would take phases, it falls back to the deconvolution
  kernel.assign(9 * 8, 1.0f);
  op = Conv2DTranspose::Create(p, kernel.data(), nullptr);
  ASSERT_TRUE(op.ok());
  EXPECT_EQ(op->method(), Conv2DTransposeMethod::kDeconvolution);
}

// The col2im adds overlapping patches: strides smaller, equal to and larger than the kernel, both
// paddings, crops that cut patches at both edges, with and without a bias, into a channel slice
// and densely.
TEST(Conv2DTranspose, ColumnsOnEveryOverlap) {
  Random rng(4);
  for (size_t kernel : {1, 2, 3, 4, 5})
    for (size_t stride : {1, 2, 3})
      for (Padding padding : {Padding::kSame, Padding::kValid})
        for (size_t out_extra : {0, 5})
          Conv2DTransposeTester(Conv2DTransposeMethod::kColumns)
              .batch(2)
              .input_size(5, 7)
              .kernel(kernel, kernel == 1 ? 3 : kernel)
              .stride(stride, stride)
              .channels(6, 3)
              .padding(padding)
              .with_bias(out_extra == 0)
              .slice_padding(out_extra ? 2 : 0, out_extra)
              .activation(Activation::Relu())
              .Test(rng, 2);
}

// Inputs whose columns do not fit one band (Conv2DTransposeByColumns::kBandFloats): the GEMM runs
// on bands of 1 or 2 input rows, each keeping the 0 to 2 rows before it that its outputs need.
TEST(Conv2DTranspose, ColumnsInBandsOfRows) {
  Random rng(5);
  for (auto [kernel, stride, width] :
       {std::tuple<size_t, size_t, size_t>{5, 2, 200}, {4, 2, 300}, {3, 1, 400}, {2, 3, 1200}})
    for (Padding padding : {Padding::kSame, Padding::kValid})
      Conv2DTransposeTester(Conv2DTransposeMethod::kColumns)
          .batch(2)
          .input_size(6, width)
          .kernel(kernel, kernel)
          .stride(stride, stride)
          .channels(2, 7)
          .padding(padding)
          .slice_padding(1, 2)
          .Test(rng, 2);
}

// pix2pix's decoder 2 at ngf=32 (into its concat slice) runs by phases; decoder 1 (3 channels out)
// by columns. Both match the reference.
TEST(Conv2DTranspose, Pix2PixDecoderShapesIntoConcatSlice) {
  Random rng(2);
  for (auto [in, out, extra, method] : {std::tuple<size_t, size_t, size_t, Conv2DTransposeMethod>{
                                            128, 32, 32, Conv2DTransposeMethod::kPhases},
                                        {64, 3, 0, Conv2DTransposeMethod::kColumns}}) {
    Conv2DTransposeParams p;
    p.kernel_h = p.kernel_w = 4;
    p.stride_h = p.stride_w = 2;
    p.in_channels = in;
    p.out_channels = out;
    std::vector<float> kernel(16 * in * out, 0.5f);
    StatusOr<Conv2DTranspose> op = Conv2DTranspose::Create(p, kernel.data(), nullptr);
    ASSERT_TRUE(op.ok()) << op.status().message();
    EXPECT_EQ(op->method(), method) << in << " -> " << out << " channels";
    Conv2DTransposeTester()
        .input_size(16, 16)
        .kernel(4, 4)
        .stride(2, 2)
        .channels(in, out)
        .activation(out == 3 ? Activation::Tanh() : Activation::Linear())
        .slice_padding(0, extra)
        .Test(rng, 2);
  }
}

TEST(Conv2DTranspose, KernelSmallerThanStride) {
  Random rng(3);
  for (Padding padding : {Padding::kSame, Padding::kValid})
    Conv2DTransposeTester()
        .input_size(5, 3)
        .kernel(1, 2)
        .stride(3, 3)
        .channels(2, 3)
        .padding(padding)
        .Test(rng, 1);
}

}  // namespace
}  // namespace ml5::testing
