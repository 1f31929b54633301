#include "core/heap_room.h"

#include <cstdint>
#include <cstdio>

#ifdef __EMSCRIPTEN__
#include <emscripten/heap.h>
#include <malloc.h>
#endif

namespace ml5 {

size_t HeapRoomBytes() {
#ifdef __EMSCRIPTEN__
  const size_t max = emscripten_get_heap_max();
  const size_t in_use = mallinfo().uordblks;
  return max > in_use ? max - in_use : 0;
#else
  return SIZE_MAX;
#endif
}

std::string ByteSize(uint64_t bytes) {
  char text[32];
  if (bytes >= (uint64_t{1} << 30)) {
    std::snprintf(text, sizeof text, "%.1f GB", static_cast<double>(bytes) / (1 << 30));
  } else {
    std::snprintf(text, sizeof text, "%llu MB",
                  static_cast<unsigned long long>((bytes + (1 << 20) - 1) >> 20));
  }
  return text;
}

}  // namespace ml5
