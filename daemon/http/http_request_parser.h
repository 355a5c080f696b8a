// ParseHttpRequest: the HTTP endpoint's HTTP/1.x request parser, a pure function on
// the bytes received so far (Asio's HTTP server example style). Strict by design: only
// what the endpoint needs (origin-form targets, Content-Length bodies), everything else
// refused with the status code to answer. Any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "daemon/http/http_limits.h"
#include "daemon/http/http_request.h"

namespace gpalert {

struct HttpParseResult {
  enum class State {
    kIncomplete,  // a valid prefix: read more (the caller's deadline bounds the wait)
    kComplete,    // *out holds the request; it used the first `consumed` bytes
    kError,       // answer `error_status` with `error` and close
  };
  State state = State::kIncomplete;
  std::size_t consumed = 0;
  int error_status = 0;  // 400, 413, 414, 431, 501 or 505
  std::string error;     // what is wrong, for the response body and the log

  bool complete() const { return state == State::kComplete; }
  bool failed() const { return state == State::kError; }
};

// Parses the request at the start of `bytes` (everything received on the connection so
// far). Limits come from `limits` (header bytes, header count, body bytes). Rejects:
// line ends other than CRLF, control characters, obsolete line folding, absolute or
// asterisk targets, Transfer-Encoding, conflicting or malformed Content-Length, versions
// other than HTTP/1.0 and 1.1. Fills `*out` only when complete.
HttpParseResult ParseHttpRequest(std::string_view bytes, const HttpLimits& limits,
                                 HttpRequest* out);

}  // namespace gpalert
