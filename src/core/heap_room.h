// How much more memory this process may still allocate: in wasm, what the heap can grow to
// (MAXIMUM_MEMORY) minus what is in use; natively, no limit is known. Large working buffers are
// checked against it before they are made, so that an input too large fails at once, by name.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace ml5 {

size_t HeapRoomBytes();
// "1.9 GB", "362 MB": for messages.
std::string ByteSize(uint64_t bytes);

}  // namespace ml5
