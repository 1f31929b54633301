// PNG encoding and PNG/JPEG decoding through stb, and the decoder's refusals. The encoded files
// are also the image fuzzer's seeds.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <tuple>
#include <vector>

#include "fuzz/fuzz_parts.h"
#include "image/decode.h"
#include "image/pixels.h"
#include "image/png.h"
#include "test_files.h"

namespace ml5 {
namespace {

std::vector<uint8_t> Gradient(size_t width, size_t height) {
  std::vector<uint8_t> rgba(width * height * 4);
  for (size_t y = 0; y < height; ++y) {
    for (size_t x = 0; x < width; ++x) {
      uint8_t* p = &rgba[(y * width + x) * 4];
      p[0] = uint8_t(x * 255 / width), p[1] = uint8_t(y * 255 / height), p[2] = 128, p[3] = 255;
    }
  }
  return rgba;
}

std::string AsString(const std::vector<uint8_t>& bytes) { return {bytes.begin(), bytes.end()}; }

// Each image is written with the channels that carry information: grey and opaque images as
// PNG colour types 0, 4 or 2, and back to the same RGBA.
TEST(ImageCodec, PngRoundTripIsExact) {
  enum Kind { kRgba, kRgb, kGreyAlpha, kGrey };
  for (auto [w, h, kind] : {std::tuple<size_t, size_t, Kind>{1, 1, kRgba},
                            {3, 2, kRgba},
                            {16, 9, kRgba},
                            {16, 9, kRgb},
                            {5, 3, kRgb},
                            {28, 28, kGrey},
                            {1, 1, kGrey},
                            {7, 5, kGreyAlpha}}) {
    std::vector<uint8_t> rgba = Gradient(w, h);
    if (kind == kGrey || kind == kGreyAlpha) {
      for (size_t i = 0; i < w * h; ++i) rgba[i * 4 + 1] = rgba[i * 4 + 2] = rgba[i * 4];
    }
    // Alpha survives (an image opaque but for one pixel).
    if (kind == kRgba || kind == kGreyAlpha) rgba[rgba.size() - 1] = 7;
    StatusOr<std::vector<uint8_t>> png = EncodePng(rgba.data(), w, h);
    ASSERT_TRUE(png.ok());
    SaveFuzzSeed("image_decode_fuzzer", {AsString(*png)});
    StatusOr<DecodedImage> image = DecodeImage(AsString(*png));
    ASSERT_TRUE(image.ok()) << image.status().message();
    EXPECT_EQ(image->width, w);
    EXPECT_EQ(image->height, h);
    EXPECT_EQ(image->rgba, rgba);
    const int colour_type[] = {6, 2, 4, 0};
    EXPECT_EQ((*png)[25], colour_type[kind]) << "IHDR colour type, " << w << "x" << h;
  }
  // One pixel that is not grey makes the image RGB.
  std::vector<uint8_t> rgba(4 * 4 * 4, 200);
  for (size_t i = 3; i < rgba.size(); i += 4) rgba[i] = 255;
  rgba[4 * 9 + 2] = 201;
  StatusOr<std::vector<uint8_t>> png = EncodePng(rgba.data(), 4, 4);
  ASSERT_TRUE(png.ok());
  EXPECT_EQ((*png)[25], 2);
  EXPECT_EQ(DecodeImage(AsString(*png))->rgba, rgba);
}

TEST(ImageCodec, JpegDecodesCloseToTheOriginal) {
  // tests/data/gradient.jpg: Gradient(32, 24) encoded by Chromium (tests/data/make-jpeg.mjs).
  std::string jpeg;
  ASSERT_TRUE(testing::ReadFile(std::string(ML5_SOURCE_DIR) + "/tests/data/gradient.jpg", &jpeg));
  SaveFuzzSeed("image_decode_fuzzer", {jpeg});
  StatusOr<DecodedImage> image = DecodeImage(jpeg);
  ASSERT_TRUE(image.ok()) << image.status().message();
  ASSERT_EQ(image->width, 32u);
  ASSERT_EQ(image->height, 24u);
  const std::vector<uint8_t> rgba = Gradient(32, 24);
  int worst = 0;
  for (size_t i = 0; i < rgba.size(); ++i) {
    worst = std::max(worst, std::abs(rgba[i] - image->rgba[i]));
  }
  EXPECT_LE(worst, 16);  // lossy, but the same picture
}

TEST(ImageCodec, RefusalsNameTheProblem) {
  EXPECT_NE(DecodeImage("").status().message().find("empty"), std::string::npos)
      << DecodeImage("").status().message();
  EXPECT_NE(DecodeImage("GIF89a not really").status().message().find("PNG or JPEG"),
            std::string::npos)
      << DecodeImage("GIF89a not really").status().message();
  StatusOr<std::vector<uint8_t>> png = EncodePng(Gradient(64, 64).data(), 64, 64);
  ASSERT_TRUE(png.ok());
  StatusOr<DecodedImage> big = DecodeImage(AsString(*png), /*max_pixels=*/64 * 63);
  ASSERT_FALSE(big.ok());
  EXPECT_NE(big.status().message().find("64x64"), std::string::npos) << big.status().message();
  const std::string truncated = AsString(*png).substr(0, png->size() / 2);
  EXPECT_FALSE(DecodeImage(truncated).ok());
}

// Found by image_decode_fuzzer: Debian's stb_image 2.27 wrote past a Huffman size list of
// 257 entries; the patched header (third_party/patches) refuses the file.
TEST(ImageCodec, JpegWithAnOversizedHuffmanTableIsRefused) {
  std::string jpeg;
  ASSERT_TRUE(testing::ReadFile(std::string(ML5_SOURCE_DIR) +
                                    "/tests/fuzz/regression/image_decode_fuzzer/"
                                    "jpeg-huffman-size-list-overflow.jpg",
                                &jpeg));
  StatusOr<DecodedImage> image = DecodeImage(jpeg);
  ASSERT_FALSE(image.ok());
  EXPECT_NE(image.status().message().find("decoding failed (bad size list)"), std::string::npos)
      << image.status().message();
}

// Found by image_decode_fuzzer: after a marker inside entropy-coded data, Debian's stb_image
// 2.27 let its bit count go negative and shifted by more than 31 (undefined behaviour). The
// patched header pads with zero bits instead; the file decodes or fails, never with UB.
TEST(ImageCodec, JpegWithAMarkerInsideTheBitstreamIsSafe) {
  std::string jpeg;
  ASSERT_TRUE(testing::ReadFile(std::string(ML5_SOURCE_DIR) +
                                    "/tests/fuzz/regression/image_decode_fuzzer/"
                                    "jpeg-bit-buffer-underflow.jpg",
                                &jpeg));
  StatusOr<DecodedImage> image = DecodeImage(jpeg);
  if (image.ok()) EXPECT_EQ(image->rgba.size(), image->width * image->height * 4);
}

// Found by image_decode_fuzzer: a PNG whose first IDAT chunk is empty made stb_image 2.27
// memcpy to a null pointer (undefined behaviour, even for 0 bytes).
TEST(ImageCodec, PngWithAnEmptyFirstDataChunkIsSafe) {
  std::string png;
  ASSERT_TRUE(testing::ReadFile(
      std::string(ML5_SOURCE_DIR) + "/tests/fuzz/regression/image_decode_fuzzer/png-empty-idat.png",
      &png));
  StatusOr<DecodedImage> image = DecodeImage(png);
  if (image.ok()) EXPECT_EQ(image->rgba.size(), image->width * image->height * 4);
}

// Found by image_decode_fuzzer: a Huffman code that maps past the 256 symbols made stb_image
// 2.27 read out of bounds; the patched header reports corrupt data.
TEST(ImageCodec, JpegWithAHuffmanCodeOutOfRangeIsRefused) {
  std::string jpeg;
  ASSERT_TRUE(testing::ReadFile(std::string(ML5_SOURCE_DIR) +
                                    "/tests/fuzz/regression/image_decode_fuzzer/"
                                    "jpeg-huffman-symbol-out-of-range.jpg",
                                &jpeg));
  StatusOr<DecodedImage> image = DecodeImage(jpeg);
  if (image.ok()) EXPECT_EQ(image->rgba.size(), image->width * image->height * 4);
}

// Found by image_decode_fuzzer: a Huffman code longer than any table length ran stb_image 2.27's
// code search past maxcode[17] (a table without its sentinel); the patch ends it there.
TEST(ImageCodec, JpegWithAHuffmanCodePastTheTableIsRefused) {
  std::string jpeg;
  ASSERT_TRUE(testing::ReadFile(std::string(ML5_SOURCE_DIR) +
                                    "/tests/fuzz/regression/image_decode_fuzzer/"
                                    "jpeg-huffman-code-past-table.jpg",
                                &jpeg));
  StatusOr<DecodedImage> image = DecodeImage(jpeg);
  if (image.ok()) EXPECT_EQ(image->rgba.size(), image->width * image->height * 4);
}

// pix2pix's output bytes: floor(256 v) clamped to [0, 255] as ml5 computes it in JS (in double),
// for edge values and a sweep of floats.
TEST(Pixels, Floor256MatchesJsDoubleMath) {
  const float inf = std::numeric_limits<float>::infinity();
  std::vector<float> values = {-inf,       -1.0f, -0.0f,       0.0f,         1.0f / 512,
                               1.0f / 256, 0.5f,  0.99609375f, 0.9999999f,   1.0f,
                               1.5f,       3e38f, inf,         std::nanf("")};
  for (int i = -3000; i <= 3000; ++i) values.push_back(i / 2048.0f + 1e-7f * float(i % 7));
  const Shape shape{1, 1, values.size() / 3, 3};
  values.resize(shape.elements());
  TensorView view(values.data(), shape);
  std::vector<uint8_t> rgba(shape.pixels() * 4);
  ASSERT_TRUE(ToRgbaFloor256(view, 0, rgba.data()).ok());
  for (size_t i = 0; i < values.size(); ++i) {
    const double scaled = std::floor(256.0 * double(values[i]));
    const int js = !(scaled > 0.0) ? 0 : scaled >= 255.0 ? 255 : int(scaled);
    EXPECT_EQ(int(rgba[i / 3 * 4 + i % 3]), js) << "v = " << values[i];
  }
}

// The vector path against the same math per value, on rows of every width up to 9 (each row's last
// pixel takes the scalar path), read from a channel slice.
TEST(Pixels, Floor256RowsOfEveryWidthFromASlice) {
  for (size_t w = 1; w <= 9; ++w) {
    const size_t h = 3, stride = 5;
    std::vector<float> values(h * w * stride);
    for (size_t i = 0; i < values.size(); ++i) values[i] = float(i * 37 % 300) / 256.0f - 0.1f;
    TensorView view(values.data(), Shape{1, h, w, 3}, stride);
    std::vector<uint8_t> rgba(h * w * 4, 7);
    ASSERT_TRUE(ToRgbaFloor256(view, 0, rgba.data()).ok());
    for (size_t y = 0; y < h; ++y)
      for (size_t x = 0; x < w; ++x)
        for (size_t c = 0; c < 4; ++c) {
          const double scaled = std::floor(256.0 * double(view.at(0, y, x, c % 3)));
          const int js = c == 3 ? 255 : !(scaled > 0.0) ? 0 : scaled >= 255.0 ? 255 : int(scaled);
          EXPECT_EQ(int(rgba[(y * w + x) * 4 + c]), js) << w << " wide, pixel " << y << ", " << x;
        }
  }
}

// ml5's input mapping (p / 255) * 2 - 1 in float32 steps for every byte value, on rows of every
// width up to 9, into a dense tensor and into a channel slice whose other channels stay untouched.
TEST(Pixels, SignedInputForEveryByteAndWidth) {
  for (size_t stride : {3, 5})
    for (size_t w = 1; w <= 9; ++w) {
      const size_t h = 256 / w + 1;
      std::vector<uint8_t> rgba(h * w * 4);
      for (size_t i = 0; i < rgba.size(); ++i) rgba[i] = uint8_t(i * 7 + i / 4);
      std::vector<float> out(h * w * stride, 42.0f);
      TensorView view(out.data(), Shape{1, h, w, 3}, stride);
      ASSERT_TRUE(RgbaToSigned(rgba.data(), view).ok());
      for (size_t i = 0; i < h * w; ++i)
        for (size_t c = 0; c < stride; ++c) {
          const float expected =
              c < 3 ? (static_cast<float>(rgba[i * 4 + c]) / 255.0f) * 2.0f - 1.0f : 42.0f;
          EXPECT_EQ(out[i * stride + c], expected) << "stride " << stride << ", width " << w;
        }
    }
}

}  // namespace
}  // namespace ml5
