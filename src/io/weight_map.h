// Named float tensors as model files provide them (row-major, in the file's layout).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/weight_values.h"

namespace ml5 {

struct WeightTensor {
  std::vector<int64_t> shape;
  std::vector<float> values;
};

using WeightMap = std::map<std::string, WeightTensor>;

// Weights read one tensor at a time, so that a model can decode each just before an operator
// packs it instead of holding every float of the file at once.
class WeightReader {
 public:
  virtual ~WeightReader() = default;
  // The entry's shape, or null when the file has no such entry.
  virtual const std::vector<int64_t>* Shape(const std::string& name) const = 0;
  // The entry's values; safe to call from several threads at once.
  virtual StatusOr<std::vector<float>> Read(const std::string& name) const = 0;
  // The entry's values where the file can hand them over without decoding them (a .pict's codes
  // and table), valid as long as the reader; missing() where it cannot: then use Read().
  virtual StatusOr<WeightValues> ReadUndecoded(const std::string& /*name*/) const {
    return WeightValues();
  }
  // A text attribute the file states about itself (e.g. which network it holds), or "" when
  // it states none.
  virtual std::string Attribute(const std::string& /*key*/) const { return ""; }
};

}  // namespace ml5
