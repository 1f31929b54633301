// nlohmann::json without exceptions: parse errors and type mismatches become Status errors
// that say where (`where` names the file and the field) and what was expected.
#pragma once

#define JSON_NOEXCEPTION 1
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace ml5 {

using Json = nlohmann::json;

StatusOr<Json> ParseJson(std::string_view text, const std::string& where);

// Accessors: each checks presence and type. `where` prefixes the message, e.g. "model.json:
// layer 'dense_5'".
StatusOr<const Json*> JsonField(const Json& object, const char* key, const std::string& where);
const Json* JsonOptionalField(const Json& object, const char* key);  // null if absent or null
StatusOr<std::string> JsonString(const Json& value, const std::string& where);
StatusOr<int64_t> JsonInt(const Json& value, const std::string& where);
StatusOr<double> JsonNumber(const Json& value, const std::string& where);
StatusOr<bool> JsonBool(const Json& value, const std::string& where);
StatusOr<const Json*> JsonArray(const Json& value, const std::string& where);
// An array of integers in [-1, kMaxDimension]; `null` entries (Keras' batch dimension) also
// become -1 (unknown).
inline constexpr int64_t kMaxDimension = (int64_t{1} << 31) - 1;
StatusOr<std::vector<int64_t>> JsonDims(const Json& value, const std::string& where);

}  // namespace ml5
