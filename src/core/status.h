// Error handling without exceptions: every fallible call returns a Status or a StatusOr<T>
// whose message names the problem. The bindings turn a failed Status into a JS Error.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace ml5 {

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Error(std::string message) { return Status(std::move(message)); }

  bool ok() const { return !failed_; }
  const std::string& message() const { return message_; }

 private:
  explicit Status(std::string message) : failed_(true), message_(std::move(message)) {}

  bool failed_ = false;
  std::string message_;
};

template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}          // NOLINT: implicit, like absl::StatusOr
  StatusOr(Status status) : status_(std::move(status)) {}  // NOLINT

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  const T& value() const& { return *value_; }
  T& value() & { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  T&& operator*() && { return std::move(*value_); }
  const T& operator*() const& { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace ml5

#define ML5_CONCAT_INNER(a, b) a##b
#define ML5_CONCAT(a, b) ML5_CONCAT_INNER(a, b)

#define ML5_RETURN_IF_ERROR(expr)              \
  do {                                         \
    ::ml5::Status ml5_status_ = (expr);        \
    if (!ml5_status_.ok()) return ml5_status_; \
  } while (0)

#define ML5_ASSIGN_OR_RETURN(lhs, expr) \
  ML5_ASSIGN_OR_RETURN_IMPL(ML5_CONCAT(ml5_statusor_, __LINE__), lhs, expr)
#define ML5_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(tmp).value()
