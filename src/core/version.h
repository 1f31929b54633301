#pragma once

namespace ml5 {

// Kept equal to package.json's version by tests/js/package.test.mjs.
inline constexpr const char* kVersion = "0.1.0";

}  // namespace ml5
