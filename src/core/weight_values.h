// A weight tensor's values as a model file holds them: floats, or one-byte codes into a table of
// floats (a .pict entry; a compact .pict's codes are unpacked to bytes first). Ops that reorder a
// kernel for XNNPACK read codes through the table as they go, so that no float copy in the file's
// order is made: for the 13.6 MB ngf=32 .pict that copy was a pass over 54 MB per load. A view: the
// floats, or the codes and the table, must outlive it (codes it was given as a vector it keeps
// alive itself).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace ml5 {

class WeightValues {
 public:
  WeightValues() = default;
  // Float arrays convert: ops take the values of any file, and tests pass plain floats.
  WeightValues(const float* floats) : floats_(floats) {}  // NOLINT(google-explicit-constructor)
  WeightValues(const uint8_t* codes, const float* table) : codes_(codes), table_(table) {}
  WeightValues(std::shared_ptr<const std::vector<uint8_t>> codes, const float* table)
      : codes_(codes->data()), table_(table), owned_codes_(std::move(codes)) {}

  bool missing() const { return floats_ == nullptr && (codes_ == nullptr || table_ == nullptr); }

  // Returns f(at), where at(i) is value i: f's loops are compiled once per kind of storage, with
  // no test per value.
  template <typename F>
  decltype(auto) Visit(F&& f) const {
    if (floats_ != nullptr) {
      const float* floats = floats_;
      return f([floats](size_t i) { return floats[i]; });
    }
    const uint8_t* codes = codes_;
    const float* table = table_;
    return f([codes, table](size_t i) { return table[codes[i]]; });
  }

 private:
  const float* floats_ = nullptr;
  const uint8_t* codes_ = nullptr;
  const float* table_ = nullptr;
  std::shared_ptr<const std::vector<uint8_t>> owned_codes_;
};

}  // namespace ml5
