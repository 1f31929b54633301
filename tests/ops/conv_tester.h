// Builder for Conv2D and Conv2DTranspose cases (their params have the same fields): one op,
// run on ShapesToRun(input), against the op's scalar reference.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "op_tester.h"
#include "ops/conv2d.h"
#include "ops/conv2d_transpose.h"

namespace ml5::testing {

template <typename Op, typename Params>
class ConvTester {
 public:
  using Reference = Status (*)(const Params&, const float*, const float*, const TensorView&,
                               const TensorView&);
  using Creator = std::function<StatusOr<Op>(const Params&, WeightValues, const float*)>;
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
  // The op gets its kernel as one-byte codes into a table of 256 values (as a .pict holds it),
  // which it decodes as it reorders; the reference gets the decoded floats.
  ConvTester& coded_kernel(bool coded) {
    coded_ = coded;
    return *this;
  }
  // Any shape, kernel, stride, padding, activation, bias and slices.
  ConvTester& randomize(Random& rng) {
    size_t kh = rng.Int(1, 5), kw = rng.Int(1, 5);
    return batch(rng.Int(1, 2))
        .input_size(rng.Int(kh, 11), rng.Int(kw, 11))
        .kernel(kh, kw)
        .stride(rng.Int(1, 3), rng.Int(1, 3))
        .channels(rng.Int(1, 24), rng.Int(1, 24))
        .padding(rng.Bool() ? Padding::kSame : Padding::kValid)
        .activation(rng.AnyActivation())
        .with_bias(rng.Int(0, 3) != 0)
        .slice_padding(rng.Bool() ? rng.Int(1, 5) : 0, rng.Bool() ? rng.Int(1, 5) : 0);
  }

  void Test(Random& rng, size_t threads) const {
    Params p = p_;
    p.input_pixel_stride = p.in_channels + in_extra_;
    p.output_pixel_stride = p.out_channels + out_extra_;
    const size_t kernel_size = p.kernel_h * p.kernel_w * p.in_channels * p.out_channels;
    std::vector<float> kernel = rng.Floats(kernel_size, 1.0f);
    std::vector<float> table;
    std::vector<uint8_t> codes;
    if (coded_) {
      table = rng.Floats(256, 1.0f);
      for (size_t i = 0; i < kernel_size; ++i) {
        codes.push_back(uint8_t(rng.Int(0, 255)));
        kernel[i] = table[codes[i]];
      }
    }
    std::vector<float> bias = rng.Floats(p.out_channels, 1.0f);
    const float* b = bias_ ? bias.data() : nullptr;
    StatusOr<Op> op =
        create_(p, coded_ ? WeightValues(codes.data(), table.data()) : kernel.data(), b);
    ASSERT_TRUE(op.ok()) << op.status().message();

    const std::vector<Shape> shapes = ShapesToRun(input_);
    const uint32_t data_seed = rng.Int(0, 1u << 30);
    std::vector<float> first_output;
    for (size_t i = 0; i < shapes.size(); ++i) {
      const std::string what = Describe(shapes[i], threads);
      StatusOr<Shape> out_shape = op->OutputShape(shapes[i]);
      ASSERT_TRUE(out_shape.ok()) << out_shape.status().message() << ": " << what;
      PaddedTensor input(shapes[i], in_extra_);
      Random data(data_seed + i % 2);  // the third run repeats the first one's input
      data.Fill(input.view(), 1.0f);
      PaddedTensor output(*out_shape, out_extra_), expected(*out_shape, out_extra_);
      Status ran = op->Run(input.view(), output.view(), Pool(threads));
      ASSERT_TRUE(ran.ok()) << ran.message() << ": " << what;
      Status ref = reference_(p, kernel.data(), b, input.view(), expected.view());
      ASSERT_TRUE(ref.ok()) << ref.message();
      ExpectMatches(name_, output, expected, what);
      EXPECT_TRUE(input.PaddingIntact()) << "wrote into its input: " << what;
      // The packed weights and any state kept between runs give the same numbers again.
      if (i == 0) first_output = Values(output.view());
      if (i == 2) EXPECT_EQ(Values(output.view()), first_output) << "a rerun differs: " << what;
      // The third run also follows a release of what the op sized for the grown input.
      if (i == 1) op->ReleaseBuffers();
    }
  }

 private:
  std::string Describe(const Shape& input, size_t threads) const {
    char text[256];
    std::snprintf(text, sizeof text,
                  "%s in %s kernel %zux%zu stride %zux%zu %zu->%zu ch, %s padding, %s, bias %d, "
                  "slices +%zu/+%zu, %s kernel, %zu threads",
                  name_, input.ToString().c_str(), p_.kernel_h, p_.kernel_w, p_.stride_h,
                  p_.stride_w, p_.in_channels, p_.out_channels, PaddingName(p_.padding),
                  p_.activation.name(), bias_, in_extra_, out_extra_, coded_ ? "coded" : "float",
                  threads);
    return text;
  }

  const char* name_;
  Reference reference_;
  Creator create_;
  Params p_;
  Shape input_{1, 1, 1, 1};
  bool bias_ = true;
  size_t in_extra_ = 0;
  size_t out_extra_ = 0;
  bool coded_ = false;
};

inline ConvTester<Conv2D, Conv2DParams> Conv2DTester() { return {"conv2d", &Conv2DReference}; }

inline ConvTester<Conv2DTranspose, Conv2DTransposeParams> Conv2DTransposeTester(
    Conv2DTransposeMethod method = Conv2DTransposeMethod::kFastest) {
  const char* name = method == Conv2DTransposeMethod::kPhases          ? "conv2d_transpose phases"
                     : method == Conv2DTransposeMethod::kColumns       ? "conv2d_transpose columns"
                     : method == Conv2DTransposeMethod::kDeconvolution ? "conv2d_transpose deconv"
                                                                       : "conv2d_transpose";
  return {name, &Conv2DTransposeReference,
          [method](const Conv2DTransposeParams& p, WeightValues kernel, const float* bias) {
            return Conv2DTranspose::Create(p, kernel, bias, method);
          }};
}

}  // namespace ml5::testing
