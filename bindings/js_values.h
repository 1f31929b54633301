// What every binding file shares: C++ results as JS values and back. A failed Status comes back
// as a JS Error *value* (web/loader.js check() throws it): throwing from C++ would unwind past
// C++ frames without destructors and leak what they own.
#pragma once

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/dims.h"
#include "core/shape.h"
#include "core/status.h"

namespace ml5::js {

using emscripten::val;

inline val ErrorValue(const Status& status) { return val::global("Error").new_(status.message()); }
inline val ErrorValue(const std::string& message) { return ErrorValue(Status::Error(message)); }

template <typename T>
val ToJs(StatusOr<T> result) {
  if (!result.ok()) return ErrorValue(result.status());
  return val(std::move(result).value());
}
inline val ToJs(const Status& status) {
  return status.ok() ? val::undefined() : ErrorValue(status);
}

// Bytes in wasm memory that JS fills through view() (web/heap.js). Passing a Uint8Array as a
// std::string would copy it one byte at a time in JS: ~300 ms for a 13.6 MB .pict.
class HeapBytes {
 public:
  // An Error value, not an abort, when wasm memory is exhausted.
  static val Create(size_t size) {
    void* data = std::malloc(size ? size : 1);
    if (!data) {
      return ErrorValue("out of memory: could not allocate " + std::to_string(size) +
                        " bytes in wasm memory");
    }
    return val(HeapBytes(static_cast<uint8_t*>(data), size));
  }
  val View() const { return val(emscripten::typed_memory_view(size_, data_.get())); }
  const uint8_t* data() const { return data_.get(); }
  uint8_t* mutable_data() { return data_.get(); }
  size_t size() const { return size_; }
  std::string_view str() const { return {reinterpret_cast<const char*>(data_.get()), size_}; }

 private:
  struct Free {
    void operator()(uint8_t* p) const { std::free(p); }
  };
  HeapBytes(uint8_t* data, size_t size) : data_(data), size_(size) {}
  std::unique_ptr<uint8_t, Free> data_;
  size_t size_;
};

// [n, h, w, c] <-> Shape.
inline Shape ShapeFromJs(const val& dims) {
  std::vector<size_t> d = emscripten::vecFromJSArray<size_t>(dims);
  d.resize(4, 0);
  return Shape{d[0], d[1], d[2], d[3]};
}
inline val ShapeToJs(const Shape& s) {
  val dims = val::array();
  for (size_t d : {s.n, s.h, s.w, s.c}) dims.call<void>("push", d);
  return dims;
}

inline std::vector<float> FloatsFromJs(const val& array) {
  return emscripten::convertJSArrayToNumberVector<float>(array);
}

template <typename T>
val ArrayToJs(const std::vector<T>& values) {
  val array = val::array();
  for (const T& v : values) array.call<void>("push", v);
  return array;
}

// Dims as a JS array of numbers (int64 would become BigInt).
inline val DimsToJs(const Dims& dims) {
  return ArrayToJs(std::vector<double>(dims.begin(), dims.end()));
}

// A copy of wasm memory as a new JS typed array (heap views die when memory grows).
template <typename T>
val CopyToJs(const T* data, size_t count) {
  return val(emscripten::typed_memory_view(count, data)).call<val>("slice");
}

// The weight shards, stored back to back in `shards`, as one view each; `sizes` is a JS array
// of their byte counts.
inline StatusOr<std::vector<std::string_view>> SplitShards(const val& sizes,
                                                           const HeapBytes& shards,
                                                           const std::string& what) {
  std::vector<std::string_view> views;
  size_t offset = 0;
  for (size_t size : emscripten::vecFromJSArray<size_t>(sizes)) {
    if (size > shards.size() - offset) {
      return Status::Error(what + ": the shard sizes exceed the bytes given");
    }
    views.push_back(shards.str().substr(offset, size));
    offset += size;
  }
  return views;
}

// An error naming `what` unless the RGBA bytes are width x height x 4.
inline Status CheckRgbaSize(const HeapBytes& rgba, size_t width, size_t height,
                            const std::string& what) {
  if (rgba.size() == width * height * 4) return Status();
  return Status::Error(what + ": expected " + std::to_string(width * height * 4) +
                       " RGBA bytes for " + std::to_string(width) + "x" + std::to_string(height) +
                       ", got " + std::to_string(rgba.size()));
}

}  // namespace ml5::js
