// Status and Result<T>: the one way errors travel in mutuals.
//
// Library code never prints and never exits; it returns a Status whose message
// names the place (FILE:LINE, FILE: offset N) and what is wrong. Only the
// command line's main maps a Status to an exit code (see exit_code()).
//
//   mutuals::Result<mutuals::Store> store = mutuals::Store::open("s");
//   if (!store.ok()) { std::cerr << store.status().message() << '\n'; }
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace mutuals {

// Canonical codes, a subset of the usual gRPC/Abseil set.
enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // bad usage or bad input file: exit 2
  kNotFound,            // a named file or store does not exist: exit 2
  kAlreadyExists,       // refusing to overwrite something that is not ours
  kFailedPrecondition,  // e.g. a store directory that is not a store
  kDataLoss,            // a store or journal failed a checksum or bound check
  kUnavailable,         // e.g. a lock held by another process
  kIo,                  // the operating system refused a read or write
  kInternal,
};

std::string_view to_string(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // 2 for bad usage or bad input, 1 for everything else that failed.
  int exit_code() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status DataLoss(std::string m) { return {StatusCode::kDataLoss, std::move(m)}; }
inline Status IoError(std::string m) { return {StatusCode::kIo, std::move(m)}; }
inline Status FailedPrecondition(std::string m) { return {StatusCode::kFailedPrecondition, std::move(m)}; }
inline Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

// A value or the Status that explains its absence.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) { assert(!status_.ok()); }  // NOLINT

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace mutuals

// Propagate a failed Status out of the calling function.
#define MUTUALS_RETURN_IF_ERROR(expr)            \
  do {                                           \
    ::mutuals::Status mutuals_status_ = (expr);  \
    if (!mutuals_status_.ok()) return mutuals_status_; \
  } while (0)
