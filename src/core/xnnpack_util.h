// Shared plumbing for ops that wrap XNNPACK operators.
#pragma once

#include <xnnpack.h>

#include <memory>

#include "core/status.h"

namespace ml5 {

// Initializes XNNPACK once per process; safe to call from every op's Create().
Status InitializeXnnpack();

struct XnnOperatorDeleter {
  void operator()(xnn_operator_t op) const { xnn_delete_operator(op); }
};
using XnnOperator = std::unique_ptr<xnn_operator, XnnOperatorDeleter>;

// Ok for xnn_status_success, else an error naming the failed step: "<what>: <reason>".
Status XnnStatus(xnn_status status, const char* what);

}  // namespace ml5
