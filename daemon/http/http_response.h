// HttpResponse: what the HTTP endpoint answers, and its HTTP/1.1 wire form. Every
// response closes the connection (one request per connection keeps the server small).
// A plain value: any thread.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gpalert {

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;  // besides the standard ones
  std::string body;

  // A text/plain response; `body` gets a trailing newline if it lacks one.
  static HttpResponse Text(int status, std::string body);
  static HttpResponse Html(int status, std::string body);

  // Status line, Content-Type, Content-Length, Cache-Control: no-store,
  // X-Content-Type-Options: nosniff, Connection: close, the extra headers, then the body.
  std::string Serialize() const;
};

}  // namespace gpalert
