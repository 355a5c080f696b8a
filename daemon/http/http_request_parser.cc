#include "daemon/http/http_request_parser.h"

#include <fmt/format.h>

#include <cstdint>
#include <optional>

#include "common/strings.h"
#include "common/url.h"

namespace gpalert {
namespace {

constexpr std::size_t kMaxMethod = 16;

HttpParseResult Fail(int status, std::string why) {
  HttpParseResult r;
  r.state = HttpParseResult::State::kError;
  r.error_status = status;
  r.error = std::move(why);
  return r;
}

// RFC 9110 tchar: the characters of methods and header names.
bool IsTokenChar(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool IsToken(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s)
    if (!IsTokenChar(c)) return false;
  return true;
}

// A header value may hold visible ASCII, space, tab and non-ASCII bytes; no controls.
bool IsFieldValue(std::string_view s) {
  for (unsigned char c : s)
    if ((c < 0x20 && c != '\t') || c == 0x7f) return false;
  return true;
}

// Every '\n' in the head must follow a '\r', and no other control byte may appear
// except tab. Checked on what has arrived so far, so a client that never sends CRLF
// is refused at once rather than at the size limit.
std::optional<HttpParseResult> CheckHeadBytes(std::string_view head) {
  for (std::size_t i = 0; i < head.size(); ++i) {
    unsigned char c = head[i];
    if (c == '\n' && (i == 0 || head[i - 1] != '\r'))
      return Fail(400, "line ends in the request head must be CRLF");
    if (c == '\r' && i + 1 < head.size() && head[i + 1] != '\n')
      return Fail(400, "a bare CR in the request head");
    if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f)
      return Fail(400, fmt::format("control character 0x{:02x} in the request head", c));
  }
  return std::nullopt;
}

std::optional<HttpParseResult> ParseRequestLine(std::string_view line, HttpRequest* req) {
  std::size_t sp1 = line.find(' ');
  if (sp1 == std::string_view::npos) return Fail(400, "malformed request line");
  std::size_t sp2 = line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos)
    return Fail(400, "malformed request line (want METHOD TARGET HTTP/1.1)");
  std::string_view method = line.substr(0, sp1);
  std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  std::string_view version = line.substr(sp2 + 1);
  if (method.size() > kMaxMethod || !IsToken(method)) return Fail(400, "malformed method");
  if (target.empty() || target[0] != '/')
    return Fail(400, "the request target must be a path (origin-form), e.g. /healthz");
  for (unsigned char c : target)
    if (c <= 0x20 || c >= 0x7f || c == '#')
      return Fail(400, "invalid character in the request target");
  if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || version[6] != '.' ||
      version[5] < '0' || version[5] > '9' || version[7] < '0' || version[7] > '9')
    return Fail(400, "malformed HTTP version");
  if (version[5] != '1' || (version[7] != '0' && version[7] != '1'))
    return Fail(505, fmt::format("{} is not supported (use HTTP/1.1)", version));
  req->method = method;
  req->target = target;
  std::size_t q = target.find('?');
  req->path = PercentDecode(target.substr(0, q));
  req->query = q == std::string_view::npos ? "" : std::string(target.substr(q + 1));
  req->version_minor = version[7] - '0';
  return std::nullopt;
}

std::optional<HttpParseResult> ParseHeaderLine(std::string_view line, HttpRequest* req) {
  if (line[0] == ' ' || line[0] == '\t') return Fail(400, "obsolete header line folding");
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return Fail(400, "a header line without ':'");
  std::string_view name = line.substr(0, colon);
  if (!IsToken(name)) return Fail(400, "malformed header name (no space is allowed before ':')");
  std::string_view value = TrimAscii(line.substr(colon + 1));
  if (!IsFieldValue(value)) return Fail(400, "control character in a header value");
  req->headers.emplace_back(std::string(name), std::string(value));
  return std::nullopt;
}

// Content-Length as RFC 9110 8.6 allows it: digits only; several fields (or a list) must
// all agree. nullopt with *error set on a bad value.
std::optional<std::uint64_t> ContentLength(const HttpRequest& req, HttpParseResult* error) {
  std::optional<std::uint64_t> length;
  for (const auto& [name, value] : req.headers) {
    if (!EqualsIgnoreCase(name, "Content-Length")) continue;
    std::string_view rest = value;
    while (true) {
      std::size_t comma = rest.find(',');
      std::string_view item = TrimAscii(rest.substr(0, comma));
      if (item.empty() || item.size() > 18) {
        *error = Fail(item.size() > 18 ? 413 : 400, "bad Content-Length");
        return std::nullopt;
      }
      std::uint64_t n = 0;
      for (char c : item) {
        if (c < '0' || c > '9') {
          *error = Fail(400, "bad Content-Length");
          return std::nullopt;
        }
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
      }
      if (length && *length != n) {
        *error = Fail(400, "conflicting Content-Length values");
        return std::nullopt;
      }
      length = n;
      if (comma == std::string_view::npos) break;
      rest = rest.substr(comma + 1);
    }
  }
  return length.value_or(0);
}

}  // namespace

HttpParseResult ParseHttpRequest(std::string_view bytes, const HttpLimits& limits,
                                 HttpRequest* out) {
  std::size_t head_end = bytes.find("\r\n\r\n");
  std::string_view head =
      bytes.substr(0, head_end == std::string_view::npos ? bytes.size() : head_end + 2);
  bool too_long = head_end == std::string_view::npos ? bytes.size() >= limits.max_header_bytes
                                                     : head_end + 4 > limits.max_header_bytes;
  if (too_long) {
    std::size_t line_end = bytes.find("\r\n");
    if (line_end == std::string_view::npos || line_end >= limits.max_header_bytes)
      return Fail(414,
                  fmt::format("the request line is longer than {} bytes", limits.max_header_bytes));
    return Fail(431,
                fmt::format("the request head is longer than {} bytes", limits.max_header_bytes));
  }
  if (auto bad = CheckHeadBytes(head)) return *bad;
  if (head_end == std::string_view::npos) return HttpParseResult();  // wait for the rest

  HttpRequest req;
  std::size_t line_end = head.find("\r\n");
  if (auto bad = ParseRequestLine(head.substr(0, line_end), &req)) return *bad;
  std::size_t pos = line_end + 2;
  while (pos < head.size()) {
    std::size_t next = head.find("\r\n", pos);
    if (req.headers.size() >= limits.max_headers)
      return Fail(431, fmt::format("more than {} header fields", limits.max_headers));
    if (auto bad = ParseHeaderLine(head.substr(pos, next - pos), &req)) return *bad;
    pos = next + 2;
  }
  if (req.Header("Transfer-Encoding"))
    return Fail(501, "Transfer-Encoding is not supported (send the body with Content-Length)");
  HttpParseResult length_error;
  std::optional<std::uint64_t> length = ContentLength(req, &length_error);
  if (!length) return length_error;
  if (*length > limits.max_body_bytes)
    return Fail(413,
                fmt::format("the request body is longer than {} bytes", limits.max_body_bytes));
  std::size_t body_start = head_end + 4;
  if (bytes.size() - body_start < *length) return HttpParseResult();
  req.body = bytes.substr(body_start, *length);
  *out = std::move(req);
  HttpParseResult done;
  done.state = HttpParseResult::State::kComplete;
  done.consumed = body_start + *length;
  return done;
}

}  // namespace gpalert
