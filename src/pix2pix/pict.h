// The .pict checkpoint format of pix2pix-tensorflow's exporter, which ml5 reads
// (docs/formats.md 3.2): three big-endian length-prefixed parts: a JSON list of {name, shape}
// sorted by name, a 256-entry float32 quantization index, and one uint8 index per weight, in
// list order.
//
// ml5-wasm's extension: an entry named "__metadata__" of shape [0] (no weights) whose
// "metadata" object of strings says what the file holds, e.g. {"network": "pytorch-unet"} for a
// converted PyTorch model (docs/formats.md). ml5 0.x reads it as an empty tensor and ignores it.
//
// The compact .pict (docs/formats.md 3.7): "ML5C", then the same three parts, but each entry
// states its "bits": 1 to 8, with a table of 2^bits floats per entry in the second part and its
// codes packed in that many bits in the third, from each byte's lowest bit up; or 32, its
// float32 values in the second part (small entries, where a table would cost more), so that
// every float of the file is in its header and checked by Parse().
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "io/weight_map.h"

namespace ml5 {

// The most weights a .pict may hold (configurable by the caller; ngf=64 has 54 M).
inline constexpr size_t kDefaultMaxPictWeights = size_t{1} << 27;

// A validated .pict whose entries are decoded on demand: one byte per weight stays in memory
// instead of four. It views the bytes given to Parse(), which must outlive it.
class PictFile : public WeightReader {
 public:
  // Every entry, the unused moving statistics included. `file` names the file in messages.
  // A .pict or a compact .pict, told apart by the compact one's magic.
  static StatusOr<PictFile> Parse(std::string_view bytes, const std::string& file,
                                  size_t max_weights = kDefaultMaxPictWeights);

  // Streaming: whether the first `arrived` bytes of a file hold its shape list, its index and the
  // encoded part's length, which is all Parse() reads of it (given the whole-size buffer).
  static bool HeaderArrived(std::string_view arrived);

  size_t size() const { return entries_.size(); }
  // Whether the entry's codes lie within the file's first `arrived` bytes (false if no entry).
  bool Arrived(const std::string& name, size_t arrived) const;
  std::vector<std::string> names() const;
  const std::vector<int64_t>* Shape(const std::string& name) const override;
  StatusOr<std::vector<float>> Read(const std::string& name) const override;
  StatusOr<WeightValues> ReadUndecoded(const std::string& name) const override;
  std::string Attribute(const std::string& key) const override;
  const std::map<std::string, std::string>& metadata() const { return metadata_; }
  bool compact() const { return compact_; }
  // Bits per weight of an entry's codes (8 in a .pict, 32 for float32 values), 0 if no such
  // entry.
  int Bits(const std::string& name) const;

 private:
  struct Entry {
    std::vector<int64_t> shape;
    size_t size = 0;          // weights
    size_t offset = 0;        // of its codes, in bytes into codes_
    size_t bytes = 0;         // of its codes (none for float32 values)
    int bits = 8;             // per code
    size_t table_offset = 0;  // into tables_: 2^bits floats, or its float32 values
  };
  PictFile() = default;

  std::string file_;
  bool compact_ = false;
  std::map<std::string, Entry> entries_;
  std::map<std::string, std::string> metadata_;
  std::vector<float> tables_;  // a .pict's one index, or a compact file's table per entry
  std::string_view codes_;
  size_t codes_offset_ = 0;  // where codes_ starts in the file
};

// Compact .pict codes: `count` codes of `bits` bits each, from each byte's lowest bit up.
void UnpackCodes(const uint8_t* packed, int bits, size_t count, uint8_t* codes);

}  // namespace ml5
