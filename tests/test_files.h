// Reading test inputs, and where ../shared lives (ml5's models and the tfjs reference outputs).
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace ml5::testing {

inline const std::string kShared = std::string(ML5_SOURCE_DIR) + "/../shared";

inline bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return false;
  std::ostringstream text;
  text << file.rdbuf();
  *out = text.str();
  return true;
}

}  // namespace ml5::testing
