// ml5's CVAE manifest.json parser.
#include <cstdint>

#include "models/cvae.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)ml5::ParseCvaeManifest({reinterpret_cast<const char*>(data), size}, "manifest.json");
  return 0;
}
