// Named float tensors as model files provide them (row-major, in the file's layout).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ml5 {

struct WeightTensor {
  std::vector<int64_t> shape;
  std::vector<float> values;
};

using WeightMap = std::map<std::string, WeightTensor>;

}  // namespace ml5
