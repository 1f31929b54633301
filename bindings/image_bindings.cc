// Image bindings: decode (stb_image), PNG encode (stb_image_write) and the line-art filter.
#include "bindings/js_values.h"
#include "image/decode.h"
#include "image/line_art.h"
#include "image/png.h"

namespace ml5::js {
namespace {

val EncodePng(const HeapBytes& rgba, size_t width, size_t height) {
  Status size = CheckRgbaSize(rgba, width, height, "png");
  if (!size.ok()) return ErrorValue(size);
  StatusOr<std::vector<uint8_t>> png = ml5::EncodePng(rgba.data(), width, height);
  return png.ok() ? CopyToJs(png->data(), png->size()) : ErrorValue(png.status());
}

// -> {data: Uint8Array RGBA, width, height}
val DecodeImage(const HeapBytes& bytes, size_t max_pixels) {
  StatusOr<DecodedImage> image = ml5::DecodeImage(bytes.str(), max_pixels);
  if (!image.ok()) return ErrorValue(image.status());
  val result = val::object();
  result.set("data", CopyToJs(image->rgba.data(), image->rgba.size()));
  result.set("width", image->width);
  result.set("height", image->height);
  return result;
}

// Replaces the RGBA bytes with their line drawing, in place. options: {threshold?, radius?};
// absent ones keep LineArtOptions' defaults.
val LineArt(HeapBytes& rgba, size_t width, size_t height, const val& options) {
  Status size = CheckRgbaSize(rgba, width, height, "lineArt");
  if (!size.ok()) return ErrorValue(size);
  LineArtOptions o;
  if (!options["threshold"].isUndefined()) o.threshold = options["threshold"].as<float>();
  if (!options["radius"].isUndefined()) o.radius = options["radius"].as<int>();
  return ToJs(ml5::LineArt(rgba.data(), width, height, o, rgba.mutable_data()));
}

}  // namespace

EMSCRIPTEN_BINDINGS(ml5_image) {
  emscripten::function("encodePng", &EncodePng);
  emscripten::function("decodeImage", &DecodeImage);
  emscripten::function("lineArt", &LineArt);
}

}  // namespace ml5::js
