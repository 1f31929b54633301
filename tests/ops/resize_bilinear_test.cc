// ResizeBilinear against its scalar reference, one op across input and output sizes.
#include "ops/resize_bilinear.h"

#include <gtest/gtest.h>

#include <string>

#include "op_tester.h"

namespace ml5::testing {
namespace {

class ResizeBilinearTester {
 public:
  ResizeBilinearTester& sizes(const Shape& in, size_t out_h, size_t out_w) {
    in_ = in;
    out_h_ = out_h;
    out_w_ = out_w;
    return *this;
  }
  ResizeBilinearTester& slice_padding(size_t in, size_t out) {
    in_extra_ = in;
    out_extra_ = out;
    return *this;
  }
  ResizeBilinearTester& randomize(Random& rng) {
    return sizes({rng.Int(1, 2), rng.Int(1, 20), rng.Int(1, 20), rng.Int(1, 8)}, rng.Int(1, 40),
                 rng.Int(1, 40))
        .slice_padding(rng.Int(0, 2), rng.Int(0, 2));
  }

  // `op` is kept across calls: it remakes XNNPACK's operator when a size changes.
  void Test(ResizeBilinear& op, Random& rng, size_t threads) const {
    const std::vector<Shape> inputs = ShapesToRun(in_);
    for (size_t i = 0; i < inputs.size(); ++i) {
      const Shape& in = inputs[i];
      Shape out{in.n, out_h_ + (i == 1 ? 5 : 0), out_w_ + (i == 1 ? 1 : 0), in.c};
      const std::string what =
          in.ToString() + " -> " + out.ToString() + ", " + std::to_string(threads) + " threads";
      PaddedTensor input(in, in_extra_), output(out, out_extra_), expected(out, 0);
      rng.Fill(input.view(), 1.0f);
      Status ran = op.Run(input.view(), output.view(), Pool(threads));
      ASSERT_TRUE(ran.ok()) << ran.message() << ": " << what;
      ASSERT_TRUE(ResizeBilinearReference(input.view(), expected.view()).ok());
      ExpectMatches("resize_bilinear", output, expected, what);
    }
  }

 private:
  Shape in_{1, 1, 1, 1};
  size_t out_h_ = 1, out_w_ = 1;
  size_t in_extra_ = 0, out_extra_ = 0;
};

TEST(ResizeBilinear, MatchesReferenceOnRandomShapes) {
  Random rng(31);
  ResizeBilinear op;
  for (int i = 0; i < kRandomCases; ++i)
    for (size_t threads : {1, 2}) ResizeBilinearTester().randomize(rng).Test(op, rng, threads);
}

}  // namespace
}  // namespace ml5::testing
