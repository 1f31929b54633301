// PNG/JPEG decoding with stb_image, the path every Node input file and Buffer takes.
#include <cstdint>
#include <cstdlib>

#include "fuzz_limits.h"
#include "image/decode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ml5::StatusOr<ml5::DecodedImage> image =
      ml5::DecodeImage({reinterpret_cast<const char*>(data), size}, ml5::kFuzzMaxPixels);
  if (image.ok() && image->rgba.size() != image->width * image->height * 4) std::abort();
  return 0;
}
