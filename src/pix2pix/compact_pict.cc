#include "pix2pix/compact_pict.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>

#include "io/json.h"

namespace ml5 {
namespace {

std::string BigEndianPart(const std::string& payload) {
  const auto n = static_cast<uint32_t>(payload.size());
  return std::string{char(n >> 24), char(n >> 16), char(n >> 8), char(n)} + payload;
}

// The fewest bits (at least 1) that number `levels` codes.
int BitsFor(size_t levels) {
  int bits = 1;
  while ((size_t{1} << bits) < levels) ++bits;
  return bits;
}

// Codes packed from each byte's lowest bit up (what UnpackCodes reads).
void PackCodes(const std::vector<uint8_t>& codes, int bits, std::string& out) {
  const size_t start = out.size();
  out.resize(start + (codes.size() * bits + 7) / 8, '\0');
  auto* packed = reinterpret_cast<uint8_t*>(&out[start]);
  for (size_t i = 0, bit = 0; i < codes.size(); ++i, bit += bits) {
    const unsigned shifted = unsigned{codes[i]} << (bit & 7);
    packed[bit >> 3] |= static_cast<uint8_t>(shifted);
    if ((bit & 7) + bits > 8) packed[(bit >> 3) + 1] |= static_cast<uint8_t>(shifted >> 8);
  }
}

// Batch norm's moving statistics: a .pict holds them, but ml5's network never reads them
// (docs/formats.md 3.2), so the compact file leaves them out.
bool IsMovingStatistic(const std::string& name) {
  auto ends_with = [&](const std::string& end) {
    return name.size() >= end.size() &&
           name.compare(name.size() - end.size(), end.size(), end) == 0;
  };
  return ends_with("/moving_mean") || ends_with("/moving_variance");
}

}  // namespace

size_t NearestLevel(const std::vector<float>& table, float v) {
  const size_t hi = std::lower_bound(table.begin(), table.end(), v) - table.begin();
  if (hi == 0) return 0;
  if (hi == table.size()) return hi - 1;
  return v - table[hi - 1] <= table[hi] - v ? hi - 1 : hi;
}

std::vector<float> KMeansLevels(const std::vector<float>& values, size_t levels) {
  std::map<float, double> counts;
  for (float v : values) counts[v] += 1;
  std::vector<float> distinct;
  std::vector<double> weight;
  for (const auto& [v, n] : counts) distinct.push_back(v), weight.push_back(n);
  if (distinct.size() <= levels) return distinct;
  // Start at evenly spaced ranks of the distinct values, then Lloyd's iterations.
  std::vector<double> centers;
  for (size_t c = 0; c < levels; ++c) {
    centers.push_back(distinct[(2 * c + 1) * distinct.size() / (2 * levels)]);
  }
  for (int iteration = 0; iteration < 100; ++iteration) {
    std::vector<double> sum(levels), total(levels);
    for (size_t i = 0; i < distinct.size(); ++i) {
      size_t c = 0;
      for (size_t k = 1; k < levels; ++k) {
        if (std::fabs(distinct[i] - centers[k]) < std::fabs(distinct[i] - centers[c])) c = k;
      }
      sum[c] += weight[i] * distinct[i];
      total[c] += weight[i];
    }
    bool moved = false;
    for (size_t k = 0; k < levels; ++k) {
      if (total[k] == 0) continue;
      const double center = sum[k] / total[k];
      moved |= center != centers[k];
      centers[k] = center;
    }
    if (!moved) break;
  }
  std::vector<float> table(centers.begin(), centers.end());
  std::sort(table.begin(), table.end());
  return table;
}

StatusOr<std::string> WriteCompactPict(const PictFile& pict, const CompactPictOptions& options) {
  if (options.kernel_bits < 1 || options.kernel_bits > 8) {
    return Status::Error("kernel bits must be from 1 to 8, got " +
                         std::to_string(options.kernel_bits));
  }
  Json shapes = Json::array();
  if (!pict.metadata().empty()) {
    shapes.push_back({{"name", "__metadata__"}, {"shape", {0}}, {"metadata", pict.metadata()}});
  }
  size_t total = 0;
  for (const std::string& name : pict.names()) {
    size_t size = 1;
    for (int64_t d : *pict.Shape(name)) size *= static_cast<size_t>(d);
    total += size;
  }
  const double min_clustered = options.exact_below_fraction * static_cast<double>(total);
  std::string tables, codes;
  for (const std::string& name : pict.names()) {  // sorted: the decoders arrive first
    if (IsMovingStatistic(name)) continue;
    const std::vector<int64_t>& shape = *pict.Shape(name);
    ML5_ASSIGN_OR_RETURN(std::vector<float> values, pict.Read(name));
    const bool kernel = shape.size() == 4 && static_cast<double>(values.size()) >= min_clustered;
    std::vector<float> table =
        KMeansLevels(values, kernel ? size_t{1} << options.kernel_bits : 256);
    if (table.size() > 256) return Status::Error("entry '" + name + "' has over 256 values");
    const int bits = BitsFor(table.size());
    const size_t coded_bytes = (size_t{1} << bits) * sizeof(float) + (values.size() * bits + 7) / 8;
    const size_t float_bytes = values.size() * sizeof(float);
    if (float_bytes <= coded_bytes) {  // a small entry: its values cost less than a table
      tables.append(reinterpret_cast<const char*>(values.data()), float_bytes);
      shapes.push_back({{"name", name}, {"shape", shape}, {"bits", 32}});
      continue;
    }
    std::vector<uint8_t> entry_codes(values.size());
    for (size_t i = 0; i < values.size(); ++i) {
      entry_codes[i] = static_cast<uint8_t>(NearestLevel(table, values[i]));
    }
    table.resize(size_t{1} << bits, table.back());  // unused codes repeat the last level
    tables.append(reinterpret_cast<const char*>(table.data()), table.size() * sizeof(float));
    PackCodes(entry_codes, bits, codes);
    shapes.push_back({{"name", name}, {"shape", shape}, {"bits", bits}});
  }
  return "ML5C" + BigEndianPart(shapes.dump()) + BigEndianPart(tables) + BigEndianPart(codes);
}

}  // namespace ml5
