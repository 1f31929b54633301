#include "pix2pix/pict.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "io/json.h"

namespace ml5 {
namespace {

constexpr char kMetadataEntry[] = "__metadata__";

struct NamedEntry {
  std::string name;
  std::vector<int64_t> shape;
  size_t size = 0;
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
Status SplitParts(std::string_view bytes, const std::string& file, std::string_view parts[3]) {
  static const char* kNames[3] = {"shape list", "quantization index", "encoded weights"};
  size_t offset = 0;
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

StatusOr<Shapes> ParseShapes(std::string_view text, const std::string& file, size_t max_weights) {
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
  std::string_view parts[3];
  ML5_RETURN_IF_ERROR(SplitParts(bytes, file, parts));
  ML5_ASSIGN_OR_RETURN(Shapes shapes, ParseShapes(parts[0], file, max_weights));
  std::vector<NamedEntry>& entries = shapes.entries;
  if (parts[1].size() != 256 * sizeof(float)) {
    return Status::Error(file + ": the quantization index has " + std::to_string(parts[1].size()) +
                         " bytes, expected 1024 (256 float32)");
  }
  PictFile pict;
  pict.file_ = file;
  pict.metadata_ = std::move(shapes.metadata);
  std::memcpy(pict.index_, parts[1].data(), sizeof pict.index_);  // little-endian, as numpy wrote
  for (float v : pict.index_) {
    if (!std::isfinite(v))
      return Status::Error(file + ": the quantization index holds NaN or infinity");
  }
  size_t total = 0;
  for (const NamedEntry& e : entries) total += e.size;
  if (parts[2].size() != total) {
    return Status::Error(file + ": the encoded part has " + std::to_string(parts[2].size()) +
                         " bytes, but the shapes need " + std::to_string(total));
  }
  pict.codes_ = parts[2];
  pict.codes_offset_ = parts[2].data() - bytes.data();
  size_t offset = 0;
  for (NamedEntry& e : entries) {
    const std::string name = e.name;
    if (!pict.entries_.emplace(name, PictFile::Entry{std::move(e.shape), offset, e.size}).second) {
      return Status::Error(file + ": entry '" + name + "' appears twice");
    }
    offset += e.size;
  }
  return pict;
}

bool PictFile::HeaderArrived(std::string_view arrived) {
  uint64_t needed = 0;
  for (int part = 0; part < 3; ++part) {  // the length of each part, and the first two parts
    if (arrived.size() < needed + 4) return false;
    if (part == 2) return true;
    needed += 4 + uint64_t{PartLength(arrived.data() + needed)};
  }
  return true;
}

bool PictFile::Arrived(const std::string& name, size_t arrived) const {
  auto it = entries_.find(name);
  return it != entries_.end() && codes_offset_ + it->second.offset + it->second.size <= arrived;
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
  return WeightValues(reinterpret_cast<const uint8_t*>(codes_.data()) + it->second.offset, index_);
}

}  // namespace ml5
