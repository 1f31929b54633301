#include "io/json.h"

#include <cmath>

namespace ml5 {

StatusOr<Json> ParseJson(std::string_view text, const std::string& where) {
  Json json = Json::parse(text.begin(), text.end(), /*callback=*/nullptr,
                          /*allow_exceptions=*/false);
  if (json.is_discarded()) return Status::Error(where + ": not valid JSON");
  return json;
}

StatusOr<const Json*> JsonField(const Json& object, const char* key, const std::string& where) {
  if (!object.is_object()) return Status::Error(where + ": expected an object");
  auto it = object.find(key);
  if (it == object.end()) return Status::Error(where + ": missing \"" + key + "\"");
  return &*it;
}

const Json* JsonOptionalField(const Json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

StatusOr<std::string> JsonString(const Json& value, const std::string& where) {
  if (!value.is_string()) return Status::Error(where + ": expected a string");
  return value.get_ref<const std::string&>();
}

StatusOr<int64_t> JsonInt(const Json& value, const std::string& where) {
  if (value.is_number_integer()) return value.get<int64_t>();
  if (value.is_number_float()) {
    double d = value.get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15) {
      return static_cast<int64_t>(d);
    }
  }
  return Status::Error(where + ": expected an integer");
}

StatusOr<double> JsonNumber(const Json& value, const std::string& where) {
  if (!value.is_number()) return Status::Error(where + ": expected a number");
  return value.get<double>();
}

StatusOr<bool> JsonBool(const Json& value, const std::string& where) {
  if (!value.is_boolean()) return Status::Error(where + ": expected true or false");
  return value.get<bool>();
}

StatusOr<const Json*> JsonArray(const Json& value, const std::string& where) {
  if (!value.is_array()) return Status::Error(where + ": expected an array");
  return &value;
}

StatusOr<std::vector<int64_t>> JsonDims(const Json& value, const std::string& where) {
  ML5_ASSIGN_OR_RETURN(const Json* array, JsonArray(value, where));
  std::vector<int64_t> dims;
  for (const Json& item : *array) {
    if (item.is_null() || (item.is_number_integer() && item.get<int64_t>() == -1)) {
      dims.push_back(-1);
      continue;
    }
    ML5_ASSIGN_OR_RETURN(int64_t dim, JsonInt(item, where));
    if (dim < -1) return Status::Error(where + ": negative dimension " + std::to_string(dim));
    // Dimensions reach 32-bit size_t in wasm: a larger one would wrap, not fail.
    if (dim > kMaxDimension) {
      return Status::Error(where + ": dimension " + std::to_string(dim) + " exceeds the limit of " +
                           std::to_string(kMaxDimension));
    }
    dims.push_back(dim);
  }
  return dims;
}

}  // namespace ml5
