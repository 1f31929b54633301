// The op harness: every op against its plain scalar reference, on seeded random shapes, with one
// and two threads, dense and as channel slices of wider buffers. The same file runs natively
// (also under ASan/UBSan) and in both wasm variants under Node.
#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <limits>
#include <string>
#include <tuple>
#include <vector>

#include "core/thread_pool.h"
#include "op_tester.h"
#include "ops/channel_affine.h"
#include "ops/concat.h"
#include "ops/conv2d.h"
#include "ops/conv2d_transpose.h"
#include "ops/fully_connected.h"
#include "ops/instance_norm.h"
#include "ops/resize_bilinear.h"
#include "ops/unary.h"
#include "ops/upsample_nearest.h"

namespace ml5::testing {
namespace {

constexpr int kRandomCases = 40;

ThreadPool& Pool(size_t threads) {
  static ThreadPool one(1);
  static ThreadPool& two = *[] {
    static ThreadPool pool(2);      // stays at 1 thread on the unthreaded wasm build
    pool.set_min_parallel_work(0);  // the test shapes are small: thread them all the same
    return &pool;
  }();
  return threads == 1 ? one : two;
}

Activation RandomActivation(Random& rng) {
  switch (rng.Int(0, 4)) {
    case 0: return Activation::Linear();
    case 1: return Activation::Relu();
    case 2: return Activation::LeakyRelu(0.2f);
    case 3: return Activation::Tanh();
    default: return Activation::Sigmoid();
  }
}

// Builder for Conv2D and Conv2DTranspose cases; their params have the same fields.
template <typename Op, typename Params>
class ConvTester {
 public:
  using Reference = Status (*)(const Params&, const float*, const float*, const TensorView&,
                               const TensorView&);
  using Creator = std::function<StatusOr<Op>(const Params&, const float*, const float*)>;
  ConvTester(const char* name, Reference reference, Creator create = &Op::Create)
      : name_(name), reference_(reference), create_(std::move(create)) {}

  ConvTester& batch(size_t n) {
    input_.n = n;
    return *this;
  }
  ConvTester& input_size(size_t h, size_t w) {
    input_.h = h;
    input_.w = w;
    return *this;
  }
  ConvTester& kernel(size_t h, size_t w) {
    p_.kernel_h = h;
    p_.kernel_w = w;
    return *this;
  }
  ConvTester& stride(size_t h, size_t w) {
    p_.stride_h = h;
    p_.stride_w = w;
    return *this;
  }
  ConvTester& channels(size_t in, size_t out) {
    p_.in_channels = input_.c = in;
    p_.out_channels = out;
    return *this;
  }
  ConvTester& padding(Padding padding) {
    p_.padding = padding;
    return *this;
  }
  ConvTester& activation(Activation a) {
    p_.activation = a;
    return *this;
  }
  ConvTester& with_bias(bool b) {
    bias_ = b;
    return *this;
  }
  // Reads from and writes to channel slices: pixels wider than their channels by these counts.
  ConvTester& slice_padding(size_t in, size_t out) {
    in_extra_ = in;
    out_extra_ = out;
    return *this;
  }

  void Test(Random& rng, size_t threads) const {
    Params p = p_;
    p.input_pixel_stride = p.in_channels + in_extra_;
    p.output_pixel_stride = p.out_channels + out_extra_;
    std::vector<float> kernel =
        rng.Floats(p.kernel_h * p.kernel_w * p.in_channels * p.out_channels, 1.0f);
    std::vector<float> bias = rng.Floats(p.out_channels, 1.0f);
    const float* b = bias_ ? bias.data() : nullptr;

    StatusOr<Op> op = create_(p, kernel.data(), b);
    ASSERT_TRUE(op.ok()) << op.status().message();
    StatusOr<Shape> out_shape = op->OutputShape(input_);
    ASSERT_TRUE(out_shape.ok()) << out_shape.status().message();

    PaddedTensor input(input_, in_extra_);
    rng.Fill(input.view(), 1.0f);
    PaddedTensor output(*out_shape, out_extra_);
    PaddedTensor expected(*out_shape, out_extra_);
    Status ran = op->Run(input.view(), output.view(), Pool(threads));
    ASSERT_TRUE(ran.ok()) << ran.message();
    Status ref = reference_(p, kernel.data(), b, input.view(), expected.view());
    ASSERT_TRUE(ref.ok()) << ref.message();

    double error = RelativeError(output.view(), expected.view());
    ErrorLog::Record(name_, error);
    EXPECT_LE(error, kTolerance) << Describe(threads);
    EXPECT_TRUE(output.PaddingIntact()) << "wrote outside its channel slice: " << Describe(threads);
    EXPECT_TRUE(input.PaddingIntact()) << "wrote into its input: " << Describe(threads);

    // A second run reuses the packed weights and must give the same numbers.
    PaddedTensor again(*out_shape, out_extra_);
    ASSERT_TRUE(op->Run(input.view(), again.view(), Pool(threads)).ok());
    EXPECT_EQ(AbsoluteError(again.view(), output.view()), 0.0) << Describe(threads);
  }

  std::string Describe(size_t threads) const {
    char text[256];
    std::snprintf(text, sizeof text,
                  "%s in %s kernel %zux%zu stride %zux%zu %zu->%zu ch, %s padding, %s, bias %d, "
                  "slices +%zu/+%zu, %zu threads",
                  name_, input_.ToString().c_str(), p_.kernel_h, p_.kernel_w, p_.stride_h,
                  p_.stride_w, p_.in_channels, p_.out_channels, PaddingName(p_.padding),
                  p_.activation.name(), bias_, in_extra_, out_extra_, threads);
    return text;
  }

 private:
  const char* name_;
  Reference reference_;
  Creator create_;
  Params p_;
  Shape input_{1, 1, 1, 1};
  bool bias_ = true;
  size_t in_extra_ = 0;
  size_t out_extra_ = 0;
};

ConvTester<Conv2D, Conv2DParams> Conv2DTester() { return {"conv2d", &Conv2DReference}; }
ConvTester<Conv2DTranspose, Conv2DTransposeParams> Conv2DTransposeTester(
    Conv2DTransposeMethod method = Conv2DTransposeMethod::kFastest) {
  const char* name = method == Conv2DTransposeMethod::kPhases          ? "conv2d_transpose phases"
                     : method == Conv2DTransposeMethod::kDeconvolution ? "conv2d_transpose deconv"
                                                                       : "conv2d_transpose";
  return {name, &Conv2DTransposeReference,
          [method](const Conv2DTransposeParams& p, const float* kernel, const float* bias) {
            return Conv2DTranspose::Create(p, kernel, bias, method);
          }};
}

template <typename Tester>
Tester& Randomize(Tester& t, Random& rng) {
  size_t kh = rng.Int(1, 5), kw = rng.Int(1, 5);
  return t.batch(rng.Int(1, 2))
      .input_size(rng.Int(kh, 11), rng.Int(kw, 11))
      .kernel(kh, kw)
      .stride(rng.Int(1, 3), rng.Int(1, 3))
      .channels(rng.Int(1, 24), rng.Int(1, 24))
      .padding(rng.Bool() ? Padding::kSame : Padding::kValid)
      .activation(RandomActivation(rng))
      .with_bias(rng.Int(0, 3) != 0)
      .slice_padding(rng.Bool() ? rng.Int(1, 5) : 0, rng.Bool() ? rng.Int(1, 5) : 0);
}

TEST(Conv2D, MatchesReferenceOnRandomShapes) {
  Random rng(2024);
  for (int i = 0; i < kRandomCases; ++i)
    for (size_t threads : {1, 2}) {
      auto tester = Conv2DTester();
      Randomize(tester, rng).Test(rng, threads);
    }
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
    double error = RelativeError(output.view(), expected.view());
    ErrorLog::Record("conv2d", error);
    EXPECT_LE(error, kTolerance) << "input " << in.ToString();
  }
}

// Both methods, forced; phases only on kernels that are multiples of the stride (the shapes that
// have a phase form). Which one kFastest picks is tested on pix2pix's shapes below.
TEST(Conv2DTranspose, EachMethodMatchesReferenceOnRandomShapes) {
  Random rng(2025);
  for (auto method : {Conv2DTransposeMethod::kDeconvolution, Conv2DTransposeMethod::kPhases})
    for (int i = 0; i < kRandomCases; ++i)
      for (size_t threads : {1, 2}) {
        auto tester = Conv2DTransposeTester(method);
        Randomize(tester, rng);
        if (method == Conv2DTransposeMethod::kPhases) {
          size_t sh = rng.Int(1, 3), sw = rng.Int(1, 3);
          tester.stride(sh, sw).kernel(sh * rng.Int(1, 2), sw * rng.Int(1, 2));
        }
        tester.Test(rng, threads);
      }
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

TEST(FullyConnected, MatchesReferenceOnRandomShapes) {
  Random rng(7);
  for (int i = 0; i < kRandomCases; ++i)
    for (size_t threads : {1, 2}) {
      FullyConnectedParams p;
      p.in_channels = rng.Int(1, 300);
      p.out_channels = rng.Int(1, 64);
      p.activation = RandomActivation(rng);
      size_t in_extra = rng.Bool() ? rng.Int(1, 4) : 0, out_extra = rng.Bool() ? rng.Int(1, 4) : 0;
      p.input_pixel_stride = p.in_channels + in_extra;
      p.output_pixel_stride = p.out_channels + out_extra;
      std::vector<float> kernel = rng.Floats(p.in_channels * p.out_channels, 1.0f);
      std::vector<float> bias = rng.Floats(p.out_channels, 1.0f);
      StatusOr<FullyConnected> op = FullyConnected::Create(p, kernel.data(), bias.data());
      ASSERT_TRUE(op.ok()) << op.status().message();
      Shape in_shape{rng.Int(1, 3), rng.Int(1, 4), rng.Int(1, 4), p.in_channels};
      Shape out_shape = in_shape;
      out_shape.c = p.out_channels;
      PaddedTensor input(in_shape, in_extra), output(out_shape, out_extra),
          expected(out_shape, out_extra);
      rng.Fill(input.view(), 1.0f);
      ASSERT_TRUE(op->Run(input.view(), output.view(), Pool(threads)).ok());
      ASSERT_TRUE(
          FullyConnectedReference(p, kernel.data(), bias.data(), input.view(), expected.view())
              .ok());
      double error = RelativeError(output.view(), expected.view());
      ErrorLog::Record("fully_connected", error);
      EXPECT_LE(error, kTolerance)
          << p.in_channels << "->" << p.out_channels << " " << p.activation.name();
      EXPECT_TRUE(output.PaddingIntact());
    }
}

TEST(Unary, MatchesReferenceOnRandomShapesInPlaceAndOnSlices) {
  Random rng(11);
  for (int i = 0; i < kRandomCases; ++i)
    for (size_t threads : {1, 2}) {
      Activation activation = RandomActivation(rng);
      StatusOr<Unary> op = Unary::Create(activation);
      ASSERT_TRUE(op.ok()) << op.status().message();
      Shape shape{rng.Int(1, 2), rng.Int(1, 9), rng.Int(1, 9), rng.Int(1, 40)};
      size_t extra = rng.Bool() ? rng.Int(1, 4) : 0;
      PaddedTensor input(shape, extra), output(shape, extra), expected(shape, extra);
      rng.Fill(input.view(), 4.0f);
      UnaryReference(activation, input.view(), expected.view());
      bool in_place = rng.Bool();
      if (in_place) {
        ASSERT_TRUE(op->Run(input.view(), input.view(), Pool(threads)).ok());
      } else {
        ASSERT_TRUE(op->Run(input.view(), output.view(), Pool(threads)).ok());
      }
      const PaddedTensor& result = in_place ? input : output;
      double error = RelativeError(result.view(), expected.view());
      ErrorLog::Record(activation.name(), error);
      EXPECT_LE(error, kTolerance) << activation.name() << " on " << shape.ToString();
      EXPECT_TRUE(result.PaddingIntact());
    }
}

TEST(ConcatChannels, IsBitExactOnRandomShapes) {
  Random rng(13);
  StatusOr<ConcatChannels> op = ConcatChannels::Create();
  ASSERT_TRUE(op.ok()) << op.status().message();
  for (int i = 0; i < kRandomCases; ++i)
    for (size_t threads : {1, 2}) {
      Shape a{rng.Int(1, 2), rng.Int(1, 9), rng.Int(1, 9), rng.Int(1, 20)};
      Shape b = a, out = a;
      b.c = rng.Int(1, 20);
      out.c = a.c + b.c;
      PaddedTensor ta(a, rng.Int(0, 3)), tb(b, rng.Int(0, 3));
      rng.Fill(ta.view(), 1.0f);
      rng.Fill(tb.view(), 1.0f);
      PaddedTensor output(out, rng.Int(0, 3)), expected(out, 0);
      ASSERT_TRUE(op->Run({ta.view(), tb.view()}, output.view(), Pool(threads)).ok());
      ASSERT_TRUE(ConcatChannelsReference({ta.view(), tb.view()}, expected.view()).ok());
      double error = AbsoluteError(output.view(), expected.view());
      ErrorLog::Record("concat", error);
      EXPECT_EQ(error, 0.0);
      EXPECT_TRUE(output.PaddingIntact());
    }
}

TEST(UpsampleNearest, IsBitExactOnRandomShapes) {
  Random rng(17);
  for (int i = 0; i < kRandomCases; ++i)
    for (size_t threads : {1, 2}) {
      UpsampleNearestParams p{rng.Int(1, 4), rng.Int(1, 4)};
      StatusOr<UpsampleNearest> op = UpsampleNearest::Create(p);
      ASSERT_TRUE(op.ok()) << op.status().message();
      Shape in{rng.Int(1, 2), rng.Int(1, 7), rng.Int(1, 7), rng.Int(1, 20)};
      PaddedTensor input(in, 0), output(op->OutputShape(in), 0), expected(op->OutputShape(in), 0);
      rng.Fill(input.view(), 1.0f);
      ASSERT_TRUE(op->Run(input.view(), output.view(), Pool(threads)).ok());
      ASSERT_TRUE(UpsampleNearestReference(p, input.view(), expected.view()).ok());
      double error = AbsoluteError(output.view(), expected.view());
      ErrorLog::Record("upsample_nearest", error);
      EXPECT_EQ(error, 0.0) << in.ToString() << " x" << p.scale_h << "x" << p.scale_w;
    }
}

TEST(InstanceNorm, MatchesReferenceOnRandomShapes) {
  Random rng(19);
  for (int i = 0; i < kRandomCases; ++i)
    for (size_t threads : {1, 2}) {
      InstanceNormParams p;
      p.channels = rng.Int(1, 70);
      std::vector<float> gamma = rng.Floats(p.channels, 2.0f), beta = rng.Floats(p.channels, 1.0f);
      bool affine = rng.Int(0, 3) != 0;
      StatusOr<InstanceNorm> op =
          InstanceNorm::Create(p, affine ? gamma.data() : nullptr, affine ? beta.data() : nullptr);
      ASSERT_TRUE(op.ok()) << op.status().message();
      Shape shape{rng.Int(1, 2), rng.Int(1, 17), rng.Int(1, 17), p.channels};
      size_t extra = rng.Bool() ? rng.Int(1, 5) : 0;
      PaddedTensor input(shape, extra), output(shape, extra), expected(shape, extra);
      rng.Fill(input.view(), 3.0f);
      // Offset the data so that the mean matters.
      for (size_t q = 0; q < shape.pixels(); ++q)
        input.view().data()[q * (p.channels + extra)] += 5.0f;
      ASSERT_TRUE(op->Run(input.view(), output.view(), Pool(threads)).ok());
      ASSERT_TRUE(InstanceNormReference(p, affine ? gamma.data() : nullptr,
                                        affine ? beta.data() : nullptr, input.view(),
                                        expected.view())
                      .ok());
      double error = RelativeError(output.view(), expected.view());
      ErrorLog::Record("instance_norm", error);
      EXPECT_LE(error, kTolerance) << shape.ToString() << " +" << extra;
      EXPECT_TRUE(output.PaddingIntact());
    }
}

TEST(ChannelAffine, MatchesReferenceOnRandomShapes) {
  Random rng(29);
  for (int i = 0; i < kRandomCases; ++i)
    for (size_t threads : {1, 2}) {
      Shape shape{rng.Int(1, 2), rng.Int(1, 9), rng.Int(1, 9), rng.Int(1, 40)};
      std::vector<float> scale = rng.Floats(shape.c, 2.0f), shift = rng.Floats(shape.c, 1.0f);
      StatusOr<ChannelAffine> op = ChannelAffine::Create(scale, shift);
      ASSERT_TRUE(op.ok()) << op.status().message();
      PaddedTensor input(shape, 0), output(shape, 0), expected(shape, 0);
      rng.Fill(input.view(), 3.0f);
      ASSERT_TRUE(op->Run(input.view(), output.view(), Pool(threads)).ok());
      ASSERT_TRUE(ChannelAffineReference(scale, shift, input.view(), expected.view()).ok());
      double error = RelativeError(output.view(), expected.view());
      ErrorLog::Record("channel_affine", error);
      EXPECT_LE(error, kTolerance) << shape.ToString();
    }
}

TEST(ResizeBilinear, MatchesReferenceOnRandomShapes) {
  Random rng(31);
  ResizeBilinear op;  // one op across sizes: it remakes XNNPACK's operator when needed
  for (int i = 0; i < kRandomCases; ++i)
    for (size_t threads : {1, 2}) {
      Shape in{rng.Int(1, 2), rng.Int(1, 20), rng.Int(1, 20), rng.Int(1, 8)};
      Shape out{in.n, rng.Int(1, 40), rng.Int(1, 40), in.c};
      PaddedTensor input(in, rng.Int(0, 2)), output(out, rng.Int(0, 2)), expected(out, 0);
      rng.Fill(input.view(), 1.0f);
      ASSERT_TRUE(op.Run(input.view(), output.view(), Pool(threads)).ok());
      ASSERT_TRUE(ResizeBilinearReference(input.view(), expected.view()).ok());
      double error = RelativeError(output.view(), expected.view());
      ErrorLog::Record("resize_bilinear", error);
      EXPECT_LE(error, kTolerance) << in.ToString() << " -> " << out.ToString();
      EXPECT_TRUE(output.PaddingIntact());
    }
}

TEST(InstanceNorm, RunsInPlace) {
  Random rng(23);
  InstanceNormParams p;
  p.channels = 37;
  StatusOr<InstanceNorm> op = InstanceNorm::Create(p, nullptr, nullptr);
  ASSERT_TRUE(op.ok());
  PaddedTensor data({1, 9, 13, 37}, 0), expected({1, 9, 13, 37}, 0);
  rng.Fill(data.view(), 2.0f);
  ASSERT_TRUE(InstanceNormReference(p, nullptr, nullptr, data.view(), expected.view()).ok());
  ASSERT_TRUE(op->Run(data.view(), data.view(), Pool(2)).ok());
  EXPECT_LE(RelativeError(data.view(), expected.view()), kTolerance);
}

// Bad input gets an error that names the op and the problem, never a crash.
TEST(Errors, WrongShapesAreReportedByName) {
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

TEST(Errors, HugeOrEmptyTensorsAreRefused) {
  StatusOr<Tensor> huge = Tensor::Create({1, 20000, 20000, 3});
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.status().message().find("[1, 20000, 20000, 3]"), std::string::npos);
  EXPECT_FALSE(Tensor::Create({1, 0, 5, 3}).ok());
  const size_t big = std::numeric_limits<size_t>::max() / 2;
  EXPECT_FALSE(Tensor::Create({big, big, 1, 1}).ok());  // the product overflows size_t
}

TEST(Tensor, StorageIsAligned) {
  StatusOr<Tensor> t = Tensor::Create({1, 3, 5, 7});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(reinterpret_cast<uintptr_t>(t->data()) % Tensor::kAlignment, 0u);
  EXPECT_EQ(t->data()[3 * 5 * 7 - 1], 0.0f);
}

TEST(ThreadPool, HasTheRequestedThreadsWhereThreadsExist) {
  ThreadPool pool(1);
  EXPECT_EQ(pool.threads(), 1u);
  Status status = pool.SetThreads(2);
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
  EXPECT_FALSE(status.ok());  // the unthreaded build says so instead of pretending
  EXPECT_EQ(pool.threads(), 1u);
#else
  EXPECT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(pool.threads(), 2u);
#endif
}

class PrintWorstErrors : public ::testing::Environment {
 public:
  void TearDown() override {
    std::printf("[ op errors ] worst relative |delta| against the scalar references:\n");
    for (const auto& [op, error] : ErrorLog::Worst())
      std::printf("  %-24s %.3g\n", op.c_str(), error);
  }
};
const auto* const kPrinter = ::testing::AddGlobalTestEnvironment(new PrintWorstErrors);

}  // namespace
}  // namespace ml5::testing
