// HttpRequest: one parsed HTTP/1.x request as the HTTP endpoint sees it (method,
// origin-form target split into path and query, headers in arrival order, body).
// A plain value: any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gpalert {

struct HttpRequest {
  std::string method;     // "GET", "POST", ... (case-sensitive, as sent)
  std::string target;     // as sent: "/unsubscribe?email=a%40b&token=..."
  std::string path;       // target before '?', percent-decoded
  std::string query;      // target after '?', still encoded ("" when none)
  int version_minor = 1;  // HTTP/1.<minor>
  std::vector<std::pair<std::string, std::string>> headers;  // names as sent, values trimmed
  std::string body;
  std::string client_address;  // the peer's IP address, as the connection saw it

  // The first header named `name` (ASCII case-insensitive), if any.
  std::optional<std::string_view> Header(std::string_view name) const;
};

// Splits an application/x-www-form-urlencoded string ("a=1&b=x%40y") into decoded
// name/value pairs ('+' is a space; a field without '=' has an empty value).
std::vector<std::pair<std::string, std::string>> ParseFormFields(std::string_view encoded);

// The first value of field `name` in `fields`, if any.
std::optional<std::string> FormField(const std::vector<std::pair<std::string, std::string>>& fields,
                                     std::string_view name);

}  // namespace gpalert
