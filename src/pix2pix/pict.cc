#include "pix2pix/pict.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "io/json.h"

namespace ml5 {
namespace {

constexpr char kMetadataEntry[] = "__metadata__";
constexpr std::string_view kCompactMagic = "ML5C";
constexpr int kFloatBits = 32;  // a compact entry whose values are float32 in the tables part

// Floats a compact entry has in the tables part: its table of 2^bits, or its values themselves.
size_t TableFloats(int bits, size_t size) { return bits == kFloatBits ? size : size_t{1} << bits; }

struct NamedEntry {
  std::string name;
  std::vector<int64_t> shape;
  size_t size = 0;
  int bits = 8;
};

struct Shapes {
  std::vector<NamedEntry> entries;
  std::map<std::string, std::string> metadata;
};

// The "__metadata__" entry: shape [0] and an object of strings.
Status ParseMetadata(const Json& item, const std::string& where,
                     std::map<std::string, std::string>& metadata) {
  const std::string at = where + " entry '" + kMetadataEntry + "'";
  if (!metadata.empty()) return Status::Error(at + " appears twice");
  ML5_ASSIGN_OR_RETURN(const Json* shape, JsonField(item, "shape", at));
  ML5_ASSIGN_OR_RETURN(std::vector<int64_t> dims, JsonDims(*shape, at + " shape"));
  if (dims != std::vector<int64_t>{0}) return Status::Error(at + ": shape must be [0]");
  ML5_ASSIGN_OR_RETURN(const Json* object, JsonField(item, "metadata", at));
  if (!object->is_object() || object->empty()) {
    return Status::Error(at + ": 'metadata' must be an object of strings");
  }
  for (const auto& [key, value] : object->items()) {
    ML5_ASSIGN_OR_RETURN(metadata[key], JsonString(value, at + " metadata '" + key + "'"));
  }
  return Status();
}

// A part's length prefix: struct.pack(">L", len).
uint32_t PartLength(const char* at) {
  const auto* p = reinterpret_cast<const uint8_t*>(at);
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

// The three parts, each checked against the bytes that remain.
Status SplitParts(std::string_view bytes, const std::string& file, bool compact,
                  std::string_view parts[3]) {
  const char* kNames[3] = {"shape list", compact ? "tables part" : "quantization index",
                           "encoded weights"};
  size_t offset = compact ? kCompactMagic.size() : 0;
  for (int i = 0; i < 3; ++i) {
    if (bytes.size() - offset < 4) {
      return Status::Error(file + ": truncated before the " + kNames[i] + " (a .pict has 3 parts)");
    }
    const size_t length = PartLength(bytes.data() + offset);
    offset += 4;
    if (length > bytes.size() - offset) {
      return Status::Error(file + ": the " + kNames[i] + " claims " + std::to_string(length) +
                           " bytes but only " + std::to_string(bytes.size() - offset) + " remain");
    }
    parts[i] = bytes.substr(offset, length);
    offset += length;
  }
  return Status();  // ml5 reads and ignores any further parts
}

StatusOr<Shapes> ParseShapes(std::string_view text, const std::string& file, size_t max_weights,
                             bool compact) {
  const std::string where = file + ": shape list";
  ML5_ASSIGN_OR_RETURN(Json json, ParseJson(text, where));
  ML5_RETURN_IF_ERROR(JsonArray(json, where).status());
  if (json.empty()) return Status::Error(where + " is empty");
  Shapes shapes;
  std::vector<NamedEntry>& entries = shapes.entries;
  size_t total = 0;
  for (const Json& item : json) {
    NamedEntry entry;
    ML5_ASSIGN_OR_RETURN(const Json* name, JsonField(item, "name", where));
    ML5_ASSIGN_OR_RETURN(entry.name, JsonString(*name, where + " name"));
    if (entry.name == kMetadataEntry) {
      ML5_RETURN_IF_ERROR(ParseMetadata(item, where, shapes.metadata));
      continue;
    }
    const std::string at = where + " entry '" + entry.name + "'";
    ML5_ASSIGN_OR_RETURN(const Json* shape, JsonField(item, "shape", at));
    ML5_ASSIGN_OR_RETURN(entry.shape, JsonDims(*shape, at + " shape"));
    if (entry.shape.empty()) return Status::Error(at + ": empty shape");
    entry.size = 1;
    for (int64_t d : entry.shape) {
      if (d <= 0) return Status::Error(at + ": dimensions must be positive");
      if (static_cast<size_t>(d) > max_weights / entry.size) {
        return Status::Error(at + ": shape exceeds the limit of " + std::to_string(max_weights) +
                             " weights");
      }
      entry.size *= static_cast<size_t>(d);
    }
    if (compact) {
      ML5_ASSIGN_OR_RETURN(const Json* field, JsonField(item, "bits", at));
      ML5_ASSIGN_OR_RETURN(int64_t bits, JsonInt(*field, at + " bits"));
      if ((bits < 1 || bits > 8) && bits != kFloatBits) {
        return Status::Error(at + ": bits must be from 1 to 8, or 32 (float32 values)");
      }
      entry.bits = static_cast<int>(bits);
    }
    total += entry.size;
    if (total > max_weights) {
      return Status::Error(file + ": more than " + std::to_string(max_weights) + " weights");
    }
    entries.push_back(std::move(entry));
  }
  if (entries.empty()) return Status::Error(where + " has no weights");
  return shapes;
}

}  // namespace

StatusOr<PictFile> PictFile::Parse(std::string_view bytes, const std::string& file,
                                   size_t max_weights) {
  // The files people most often load by mistake, named instead of "claims N bytes".
  if (bytes.substr(0, 8) == "\x89PNG\r\n\x1a\n") {
    return Status::Error(file + ": this is a PNG image, not a .pict model");
  }
  if (bytes.substr(0, 3) == "\xff\xd8\xff") {
    return Status::Error(file + ": this is a JPEG image, not a .pict model");
  }
  const size_t text = bytes.find_first_not_of(" \t\r\n");
  if (text != std::string_view::npos && bytes[text] == '<') {
    return Status::Error(file + ": this looks like an HTML page, not a .pict model (a wrong URL?)");
  }
  if (text != std::string_view::npos && bytes[text] == '{') {
    return Status::Error(file +
                         ": this is JSON, not a .pict model; a tfjs Layers model.json "
                         "loads by its URL or path, so that its weight files are found");
  }
  const bool compact = bytes.substr(0, kCompactMagic.size()) == kCompactMagic;
  std::string_view parts[3];
  ML5_RETURN_IF_ERROR(SplitParts(bytes, file, compact, parts));
  ML5_ASSIGN_OR_RETURN(Shapes shapes, ParseShapes(parts[0], file, max_weights, compact));
  PictFile pict;
  pict.file_ = file;
  pict.compact_ = compact;
  pict.metadata_ = std::move(shapes.metadata);
  size_t table_floats = compact ? 0 : 256;  // a .pict's entries share one index
  for (const NamedEntry& e : shapes.entries) {
    table_floats += compact ? TableFloats(e.bits, e.size) : 0;
  }
  if (parts[1].size() != table_floats * sizeof(float)) {
    return Status::Error(file + ": the " + (compact ? "tables have " : "quantization index has ") +
                         std::to_string(parts[1].size()) + " bytes, expected " +
                         std::to_string(table_floats * sizeof(float)) + " (" +
                         std::to_string(table_floats) + " float32)");
  }
  pict.tables_.resize(table_floats);
  std::memcpy(pict.tables_.data(), parts[1].data(), parts[1].size());  // little-endian
  for (float v : pict.tables_) {
    if (!std::isfinite(v)) {
      return Status::Error(file + ": the " +
                           (compact ? "tables hold" : "quantization index holds") +
                           " NaN or infinity");
    }
  }
  size_t offset = 0, table_offset = 0;
  for (NamedEntry& e : shapes.entries) {
    const std::string name = e.name;
    // max_weights bounds e.size, so size * bits cannot overflow.
    const size_t code_bytes = e.bits == kFloatBits ? 0 : (e.size * e.bits + 7) / 8;
    const Entry entry{std::move(e.shape), e.size, offset, code_bytes, e.bits, table_offset};
    offset += entry.bytes;
    table_offset += compact ? TableFloats(e.bits, e.size) : 0;
    if (!pict.entries_.emplace(name, entry).second) {
      return Status::Error(file + ": entry '" + name + "' appears twice");
    }
  }
  if (parts[2].size() != offset) {
    return Status::Error(file + ": the encoded part has " + std::to_string(parts[2].size()) +
                         " bytes, but the shapes need " + std::to_string(offset));
  }
  pict.codes_ = parts[2];
  pict.codes_offset_ = parts[2].data() - bytes.data();
  return pict;
}

bool PictFile::HeaderArrived(std::string_view arrived) {
  if (arrived.size() < kCompactMagic.size()) return false;
  uint64_t needed = arrived.substr(0, kCompactMagic.size()) == kCompactMagic ? 4 : 0;
  for (int part = 0; part < 3; ++part) {  // the length of each part, and the first two parts
    if (arrived.size() < needed + 4) return false;
    if (part == 2) return true;
    needed += 4 + uint64_t{PartLength(arrived.data() + needed)};
  }
  return true;
}

bool PictFile::Arrived(const std::string& name, size_t arrived) const {
  auto it = entries_.find(name);
  return it != entries_.end() && codes_offset_ + it->second.offset + it->second.bytes <= arrived;
}

int PictFile::Bits(const std::string& name) const {
  auto it = entries_.find(name);
  return it == entries_.end() ? 0 : it->second.bits;
}

std::vector<std::string> PictFile::names() const {
  std::vector<std::string> names;
  for (const auto& [name, entry] : entries_) names.push_back(name);
  return names;
}

const std::vector<int64_t>* PictFile::Shape(const std::string& name) const {
  auto it = entries_.find(name);
  return it == entries_.end() ? nullptr : &it->second.shape;
}

std::string PictFile::Attribute(const std::string& key) const {
  auto it = metadata_.find(key);
  return it == metadata_.end() ? "" : it->second;
}

StatusOr<std::vector<float>> PictFile::Read(const std::string& name) const {
  ML5_ASSIGN_OR_RETURN(WeightValues undecoded, ReadUndecoded(name));
  std::vector<float> values(entries_.at(name).size);
  undecoded.Visit([&](auto at) {
    for (size_t i = 0; i < values.size(); ++i) values[i] = at(i);
  });
  return values;
}

StatusOr<WeightValues> PictFile::ReadUndecoded(const std::string& name) const {
  auto it = entries_.find(name);
  if (it == entries_.end()) return Status::Error(file_ + ": entry '" + name + "' is missing");
  const Entry& entry = it->second;
  const auto* codes = reinterpret_cast<const uint8_t*>(codes_.data()) + entry.offset;
  const float* table = tables_.data() + entry.table_offset;
  if (entry.bits == kFloatBits) return WeightValues(table);  // the values themselves
  if (entry.bits == 8) return WeightValues(codes, table);
  auto unpacked = std::make_shared<std::vector<uint8_t>>(entry.size);
  UnpackCodes(codes, entry.bits, entry.size, unpacked->data());
  return WeightValues(std::move(unpacked), table);
}

namespace {

// Eight codes of kBits bits at a time: they fill kBits whole bytes, read as one integer.
template <int kBits>
size_t UnpackGroupsOfEight(const uint8_t* packed, size_t count, uint8_t* codes) {
  constexpr uint64_t kMask = (uint64_t{1} << kBits) - 1;
  const size_t groups = count / 8;
  for (size_t g = 0; g < groups; ++g) {
    uint64_t bits = 0;
    for (int b = 0; b < kBits; ++b) bits |= uint64_t{packed[g * kBits + b]} << (8 * b);
    for (int i = 0; i < 8; ++i)
      codes[g * 8 + i] = static_cast<uint8_t>((bits >> (i * kBits)) & kMask);
  }
  return groups * 8;
}

}  // namespace

void UnpackCodes(const uint8_t* packed, int bits, size_t count, uint8_t* codes) {
  size_t done = 0;
  switch (bits) {  // the widths the writer uses for kernels; the rest take the plain loop
    case 5: done = UnpackGroupsOfEight<5>(packed, count, codes); break;
    case 6: done = UnpackGroupsOfEight<6>(packed, count, codes); break;
    case 7: done = UnpackGroupsOfEight<7>(packed, count, codes); break;
    default: break;
  }
  const unsigned mask = (1u << bits) - 1;
  for (size_t i = done, bit = done * bits; i < count; ++i, bit += bits) {
    const size_t byte = bit >> 3;
    const unsigned shift = bit & 7;
    // The next byte only where the code reaches into it: the last code reads no further.
    const unsigned two = packed[byte] | unsigned{packed[byte + (shift + bits > 8)]} << 8;
    codes[i] = static_cast<uint8_t>((two >> shift) & mask);
  }
}

}  // namespace ml5
