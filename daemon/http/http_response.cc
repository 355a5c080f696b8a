#include "daemon/http/http_response.h"

#include <fmt/format.h>

#include "common/http_status.h"

namespace gpalert {
namespace {

// The status line needs a phrase; codes without a standard one get "Unknown".
std::string_view ReasonPhrase(int status) {
  std::string_view phrase = HttpReasonPhrase(status);
  return phrase.empty() ? "Unknown" : phrase;
}

}  // namespace

HttpResponse HttpResponse::Text(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  if (body.empty() || body.back() != '\n') body += '\n';
  r.body = std::move(body);
  return r;
}

HttpResponse HttpResponse::Html(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(body);
  return r;
}

std::string HttpResponse::Serialize() const {
  std::string out = fmt::format(
      "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n"
      "X-Content-Type-Options: nosniff\r\nConnection: close\r\n",
      status, ReasonPhrase(status), content_type, body.size());
  for (const auto& [name, value] : headers) out += fmt::format("{}: {}\r\n", name, value);
  out += "\r\n";
  out += body;
  return out;
}

}  // namespace gpalert
