// Status and Result<T>: errors as values at every module boundary.
// A Status is cheap when ok; its message says where (file:line:col, URL, SMTP reply)
// and what to do. Warnings never travel here; they go in their own lists.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace gpalert {

class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,  // bad input: config, document, command line (exit 2)
    kNotFound,
    kIoError,    // disk, database
    kNetwork,    // DNS, connect, TLS, timeouts, HTTP transport
    kTemporary,  // worth retrying later (SMTP 4xx, HTTP 429/503)
    kPermanent,  // will not succeed by retrying (SMTP 5xx)
    kInternal,
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) {
    return {Code::kInvalidArgument, std::move(msg)};
  }
  static Status NotFound(std::string msg) { return {Code::kNotFound, std::move(msg)}; }
  static Status IoError(std::string msg) { return {Code::kIoError, std::move(msg)}; }
  static Status Network(std::string msg) { return {Code::kNetwork, std::move(msg)}; }
  static Status Temporary(std::string msg) { return {Code::kTemporary, std::move(msg)}; }
  static Status Permanent(std::string msg) { return {Code::kPermanent, std::move(msg)}; }
  static Status Internal(std::string msg) { return {Code::kInternal, std::move(msg)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // The same code with "<prefix><message>" (a URL or file name in front, say).
  Status WithPrefix(std::string_view prefix) const {
    if (ok()) return *this;
    return {code_, std::string(prefix) + message_};
  }
  // "invalid argument: <message>" etc.; "OK" when ok.
  std::string ToString() const;
  // Process exit code for a CLI command failing with this status: 2 for bad input, else 1.
  int ExitCode() const { return ok() ? 0 : code_ == Code::kInvalidArgument ? 2 : 1; }

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// Either a value or a non-ok Status. Construct from either; check ok() before value().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) { assert(!std::get<Status>(v_).ok()); }  // NOLINT

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace gpalert
