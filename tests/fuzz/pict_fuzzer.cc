// The .pict parser on hostile bytes: parse, then decode every entry it accepted.
#include <cstdint>
#include <cstdlib>

#include "fuzz_limits.h"
#include "pix2pix/pict.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ml5::StatusOr<ml5::PictFile> pict = ml5::PictFile::Parse(
      {reinterpret_cast<const char*>(data), size}, "fuzz.pict", ml5::kFuzzMaxWeights);
  if (!pict.ok()) return 0;
  for (const std::string& name : pict->names()) {
    if (!pict->Read(name).ok()) std::abort();  // an accepted entry must decode
  }
  return 0;
}
