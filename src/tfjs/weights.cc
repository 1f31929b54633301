#include "tfjs/weights.h"

#include <cmath>
#include <cstring>

namespace ml5::tfjs {
namespace {

size_t BytesPerValue(const WeightSpec& w) {
  if (w.quantization) return w.quantization->dtype == "uint8" ? 1 : 2;
  return 4;
}

// IEEE 754 binary16 to binary32 (tfjs-converter --quantize_float16 stores weights so). The FP16
// library that XNNPACK's sources carry is not among the headers its build installs for ours.
float HalfToFloat(uint16_t h) {
  const uint32_t sign = uint32_t(h & 0x8000) << 16;
  const uint32_t exponent = (h >> 10) & 0x1f, mantissa = h & 0x3ff;
  uint32_t bits;
  if (exponent == 0x1f) {
    bits = sign | 0x7f800000 | (mantissa << 13);  // infinity, NaN
  } else if (exponent != 0) {
    bits = sign | ((exponent + 112) << 23) | (mantissa << 13);  // rebias 15 -> 127
  } else {
    // Zero and subnormals: mantissa * 2^-24, exact in float.
    const float magnitude = std::ldexp(float(mantissa), -24);
    std::memcpy(&bits, &magnitude, 4);
    bits |= sign;
  }
  float value;
  std::memcpy(&value, &bits, 4);
  return value;
}

Status CheckDtype(const WeightSpec& w, const std::string& where) {
  if (w.dtype != "float32") {
    return Status::Error(where + ": dtype '" + w.dtype + "' is not supported (float32 only)");
  }
  if (w.quantization && w.quantization->dtype != "uint8" && w.quantization->dtype != "uint16" &&
      w.quantization->dtype != "float16") {
    return Status::Error(where + ": quantization dtype '" + w.quantization->dtype +
                         "' is not supported (uint8, uint16 or float16)");
  }
  if (w.quantization &&
      (!std::isfinite(w.quantization->scale) || !std::isfinite(w.quantization->min))) {
    return Status::Error(where + ": quantization scale and min must be finite");
  }
  return Status();
}

// Product of dims, or an error when it passes `limit`.
StatusOr<size_t> Elements(const std::vector<int64_t>& shape, size_t limit,
                          const std::string& where) {
  size_t count = 1;
  for (int64_t d : shape) {
    if (d < 0) return Status::Error(where + ": negative dimension");
    if (d != 0 && count > limit / static_cast<size_t>(d)) {
      return Status::Error(where + ": shape is larger than the limit of " + std::to_string(limit) +
                           " weights");
    }
    count *= static_cast<size_t>(d);
  }
  return count;
}

float Decode(const uint8_t* p, const WeightSpec& w) {
  if (!w.quantization) {
    float v;
    std::memcpy(&v, p, 4);  // little-endian, like every platform wasm and this library run on
    return v;
  }
  uint32_t q = w.quantization->dtype == "uint8" ? p[0] : (p[0] | (uint32_t{p[1]} << 8));
  if (w.quantization->dtype == "float16") return HalfToFloat(static_cast<uint16_t>(q));
  return static_cast<float>(q * w.quantization->scale + w.quantization->min);
}

}  // namespace

StatusOr<WeightMap> DecodeWeights(const ModelSpec& spec,
                                  const std::vector<std::string_view>& shards, size_t max_weights) {
  if (shards.size() != spec.ShardPaths().size()) {
    return Status::Error(spec.file + ": expected " + std::to_string(spec.ShardPaths().size()) +
                         " weight files, got " + std::to_string(shards.size()));
  }
  // Pass 1: check every dtype, shape and the byte counts, allocating nothing.
  size_t total = 0, shard_index = 0;
  for (const WeightGroup& group : spec.groups) {
    size_t available = 0;
    for (size_t i = 0; i < group.paths.size(); ++i) available += shards[shard_index + i].size();
    size_t needed = 0;
    for (const WeightSpec& w : group.weights) {
      const std::string where = spec.file + ": weight '" + w.name + "'";
      ML5_RETURN_IF_ERROR(CheckDtype(w, where));
      ML5_ASSIGN_OR_RETURN(size_t count, Elements(w.shape, max_weights, where));
      total += count;
      if (total > max_weights) {
        return Status::Error(spec.file + ": more than " + std::to_string(max_weights) +
                             " weights in all");
      }
      needed += count * BytesPerValue(w);
    }
    if (needed != available) {
      std::string files;
      for (const std::string& p : group.paths) files += (files.empty() ? "" : ", ") + p;
      return Status::Error(spec.file + ": weight files " + files + " hold " +
                           std::to_string(available) + " bytes but the manifest needs " +
                           std::to_string(needed));
    }
    shard_index += group.paths.size();
  }
  // Pass 2: decode, reading across shard boundaries.
  WeightMap weights;
  shard_index = 0;
  for (const WeightGroup& group : spec.groups) {
    std::string joined;
    if (group.paths.size() > 1) {
      for (size_t i = 0; i < group.paths.size(); ++i) joined.append(shards[shard_index + i]);
    }
    std::string_view bytes =
        group.paths.size() == 1 ? shards[shard_index] : std::string_view(joined);
    size_t offset = 0;
    for (const WeightSpec& w : group.weights) {
      size_t count = *Elements(w.shape, max_weights, w.name);
      WeightTensor tensor{w.shape, std::vector<float>(count)};
      const uint8_t* p = reinterpret_cast<const uint8_t*>(bytes.data()) + offset;
      for (size_t i = 0; i < count; ++i) tensor.values[i] = Decode(p + i * BytesPerValue(w), w);
      for (float v : tensor.values) {
        if (!std::isfinite(v)) {
          return Status::Error(spec.file + ": weight '" + w.name + "' holds NaN or infinity");
        }
      }
      offset += count * BytesPerValue(w);
      if (!weights.emplace(w.name, std::move(tensor)).second) {
        return Status::Error(spec.file + ": weight '" + w.name + "' appears twice");
      }
    }
    shard_index += group.paths.size();
  }
  return weights;
}

}  // namespace ml5::tfjs
