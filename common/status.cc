#include "common/status.h"

namespace gpalert {

std::string Status::ToString() const {
  const char* name = "OK";
  switch (code_) {
    case Code::kOk:
      return "OK";
    case Code::kInvalidArgument:
      name = "invalid argument";
      break;
    case Code::kNotFound:
      name = "not found";
      break;
    case Code::kIoError:
      name = "I/O error";
      break;
    case Code::kNetwork:
      name = "network error";
      break;
    case Code::kTemporary:
      name = "temporary failure";
      break;
    case Code::kPermanent:
      name = "permanent failure";
      break;
    case Code::kInternal:
      name = "internal error";
      break;
  }
  return std::string(name) + ": " + message_;
}

}  // namespace gpalert
