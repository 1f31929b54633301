// Fuzz inputs that hold several files (a manifest, a model.json, its shards) are those files
// joined by a separator line, which mutations keep or break like any other bytes.
// Tests save the small valid files they make as seeds when ML5_FUZZ_SEEDS names a folder
// (scripts/fuzz.sh sets it); otherwise SaveFuzzSeed does nothing.
#pragma once

#include <cstdlib>
#include <fstream>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ml5 {

inline constexpr std::string_view kFuzzPartSeparator = "\n--ml5-fuzz-part--\n";

inline std::vector<std::string_view> SplitFuzzParts(std::string_view input) {
  std::vector<std::string_view> parts;
  for (size_t at; (at = input.find(kFuzzPartSeparator)) != std::string_view::npos;) {
    parts.push_back(input.substr(0, at));
    input.remove_prefix(at + kFuzzPartSeparator.size());
  }
  parts.push_back(input);
  return parts;
}

inline void SaveFuzzSeed(const std::string& target, const std::vector<std::string_view>& parts) {
  const char* folder = std::getenv("ML5_FUZZ_SEEDS");
  if (!folder || !*folder) return;
  std::string joined;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) joined += kFuzzPartSeparator;
    joined += parts[i];
  }
  const std::string path = std::string(folder) + "/" + target + "/seed-" +
                           std::to_string(std::hash<std::string>()(joined));
  std::ofstream(path, std::ios::binary).write(joined.data(), joined.size());
}

}  // namespace ml5
