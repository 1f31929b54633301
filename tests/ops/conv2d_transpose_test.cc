// Conv2DTranspose, both methods (by phases and XNNPACK's deconvolution), against its scalar
// reference.
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

// Both methods, forced. Which one kFastest picks is tested on pix2pix's shapes below.
TEST(Conv2DTranspose, EachMethodMatchesReferenceOnRandomShapes) {
  Random rng(2025);
  for (auto method : {Conv2DTransposeMethod::kDeconvolution, Conv2DTransposeMethod::kPhases})
    for (int i = 0; i < kRandomCases; ++i)
      for (size_t threads : {1, 2}) RandomTester(method, rng).Test(rng, threads);
}

// Kernels as a .pict holds them (codes into a 256-value table), decoded as each method reorders
// them.
TEST(Conv2DTranspose, CodedKernelsMatchReference) {
  Random rng(2035);
  for (auto method : {Conv2DTransposeMethod::kDeconvolution, Conv2DTransposeMethod::kPhases})
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
  op = Conv2DTranspose::Create(p, kernel.data(), nullptr);  // falls back to the deconvolution
  ASSERT_TRUE(op.ok());
  EXPECT_FALSE(op->runs_by_phases());
}

// pix2pix's decoder 2 at ngf=32 (into its concat slice) runs by phases; decoder 1 (3 channels out)
// on XNNPACK's deconvolution. Both match the reference.
TEST(Conv2DTranspose, Pix2PixDecoderShapesIntoConcatSlice) {
  Random rng(2);
  for (auto [in, out, extra, phases] :
       {std::tuple<size_t, size_t, size_t, bool>{128, 32, 32, true}, {64, 3, 0, false}}) {
    Conv2DTransposeParams p;
    p.kernel_h = p.kernel_w = 4;
    p.stride_h = p.stride_w = 2;
    p.in_channels = in;
    p.out_channels = out;
    std::vector<float> kernel(16 * in * out, 0.5f);
    StatusOr<Conv2DTranspose> op = Conv2DTranspose::Create(p, kernel.data(), nullptr);
    ASSERT_TRUE(op.ok()) << op.status().message();
    EXPECT_EQ(op->runs_by_phases(), phases) << in << " -> " << out << " channels";
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
