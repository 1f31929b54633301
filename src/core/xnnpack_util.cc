#include "core/xnnpack_util.h"

#include <string>

namespace ml5 {
namespace {

const char* Describe(xnn_status status) {
  switch (status) {
    case xnn_status_success: return "success";
    case xnn_status_uninitialized: return "XNNPACK is not initialized";
    case xnn_status_invalid_parameter: return "invalid parameter";
    case xnn_status_invalid_state: return "invalid state";
    case xnn_status_unsupported_parameter: return "unsupported parameter";
    case xnn_status_unsupported_hardware: return "unsupported hardware (wasm SIMD missing?)";
    case xnn_status_out_of_memory: return "out of memory";
    case xnn_status_reallocation_required: return "reallocation required";
    case xnn_status_deprecated: return "deprecated";
  }
  return "unknown XNNPACK status";
}

}  // namespace

Status InitializeXnnpack() {
  static const xnn_status status = xnn_initialize(/*allocator=*/nullptr);
  return XnnStatus(status, "initializing XNNPACK");
}

Status XnnStatus(xnn_status status, const char* what) {
  if (status == xnn_status_success) return Status();
  return Status::Error(std::string(what) + ": " + Describe(status));
}

}  // namespace ml5
