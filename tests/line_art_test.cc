// The line-art filter for live video: black lines on the edges of shapes, white elsewhere,
// widened as asked, and clear refusals.
#include "image/line_art.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace ml5 {
namespace {

// A white w x h image with a black square [from, to) in both directions.
std::vector<uint8_t> Square(size_t w, size_t h, size_t from, size_t to) {
  std::vector<uint8_t> rgba(w * h * 4, 255);
  for (size_t y = from; y < to; ++y) {
    for (size_t x = from; x < to; ++x) std::fill_n(&rgba[(y * w + x) * 4], 3, 0);
  }
  return rgba;
}

size_t CountBlack(const std::vector<uint8_t>& rgba) {
  size_t black = 0;
  for (size_t i = 0; i < rgba.size(); i += 4) black += rgba[i] == 0;
  return black;
}

uint8_t At(const std::vector<uint8_t>& rgba, size_t w, size_t x, size_t y) {
  return rgba[(y * w + x) * 4];
}

TEST(LineArt, OutlinesAFilledSquare) {
  const size_t w = 64, h = 48;
  std::vector<uint8_t> in = Square(w, h, 16, 32), out(in.size(), 7);
  ASSERT_TRUE(LineArt(in.data(), w, h, LineArtOptions(), out.data()).ok());
  for (size_t i = 0; i < out.size(); i += 4) {
    ASSERT_TRUE(out[i] == 0 || out[i] == 255) << "pixel " << i / 4 << " is " << int(out[i]);
    ASSERT_EQ(out[i], out[i + 1]);
    ASSERT_EQ(out[i], out[i + 2]);
    ASSERT_EQ(out[i + 3], 255);
  }
  EXPECT_EQ(At(out, w, 16, 24), 0) << "left edge";
  EXPECT_EQ(At(out, w, 31, 24), 0) << "right edge";
  EXPECT_EQ(At(out, w, 24, 16), 0) << "top edge";
  EXPECT_EQ(At(out, w, 24, 31), 0) << "bottom edge";
  EXPECT_EQ(At(out, w, 24, 24), 255) << "inside the square";
  EXPECT_EQ(At(out, w, 4, 4), 255) << "background";
  EXPECT_EQ(At(out, w, 50, 40), 255) << "background";
}

TEST(LineArt, InPlaceGivesTheSameDrawing) {
  std::vector<uint8_t> in = Square(40, 30, 8, 20), out(in.size());
  ASSERT_TRUE(LineArt(in.data(), 40, 30, LineArtOptions(), out.data()).ok());
  ASSERT_TRUE(LineArt(in.data(), 40, 30, LineArtOptions(), in.data()).ok());
  EXPECT_EQ(in, out);
}

TEST(LineArt, FlatImagesHaveNoLines) {
  for (uint8_t gray : {0, 128, 255}) {
    std::vector<uint8_t> in(20 * 10 * 4, gray), out(in.size());
    ASSERT_TRUE(LineArt(in.data(), 20, 10, LineArtOptions(), out.data()).ok());
    EXPECT_EQ(CountBlack(out), 0u) << int(gray);
  }
}

TEST(LineArt, ThresholdAndRadiusControlTheLines) {
  const size_t w = 64, h = 64;
  std::vector<uint8_t> in = Square(w, h, 20, 40), out(in.size());
  LineArtOptions options;
  options.radius = 0;
  ASSERT_TRUE(LineArt(in.data(), w, h, options, out.data()).ok());
  const size_t thin = CountBlack(out);
  options.radius = 2;
  ASSERT_TRUE(LineArt(in.data(), w, h, options, out.data()).ok());
  const size_t wide = CountBlack(out);
  EXPECT_GT(thin, 0u);
  EXPECT_GT(wide, thin + 4 * 20 * 2) << "2 more pixels on each side of 4 edges of 20";
  options.threshold = 1;  // no blurred step reaches the largest possible response
  ASSERT_TRUE(LineArt(in.data(), w, h, options, out.data()).ok());
  EXPECT_EQ(CountBlack(out), 0u);
  // A faint square (gray 230 on 255) shows at a low threshold only.
  std::vector<uint8_t> faint(in);
  for (uint8_t& v : faint) v = v == 0 ? 230 : v;
  options = LineArtOptions();
  ASSERT_TRUE(LineArt(faint.data(), w, h, options, out.data()).ok());
  EXPECT_EQ(CountBlack(out), 0u);
  options.threshold = 0.02f;
  ASSERT_TRUE(LineArt(faint.data(), w, h, options, out.data()).ok());
  EXPECT_GT(CountBlack(out), 0u);
}

TEST(LineArt, AutomaticRadiusGrowsWithTheImage) {
  auto black_fraction = [](size_t size) {
    std::vector<uint8_t> in = Square(size, size, size / 4, size * 3 / 4), out(in.size());
    EXPECT_TRUE(LineArt(in.data(), size, size, LineArtOptions(), out.data()).ok());
    return double(CountBlack(out)) / double(size * size);
  };
  // Scaled down to the same size, lines keep about the same share of the image.
  const double small = black_fraction(256), large = black_fraction(1024);
  EXPECT_GT(large, small * 0.5);
  EXPECT_LT(large, small * 2.0);
}

TEST(LineArt, RefusesBadArguments) {
  std::vector<uint8_t> in(16, 255), out(16);
  EXPECT_EQ(LineArt(in.data(), 0, 2, LineArtOptions(), out.data()).message(),
            "lineArt: the image is empty (0x2)");
  LineArtOptions options;
  options.threshold = 1.5f;
  EXPECT_NE(LineArt(in.data(), 2, 2, options, out.data()).message().find("threshold"),
            std::string::npos);
  options = LineArtOptions();
  options.radius = 65;
  EXPECT_NE(LineArt(in.data(), 2, 2, options, out.data()).message().find("radius"),
            std::string::npos);
}

}  // namespace
}  // namespace ml5
