#include "daemon/http/http_request.h"

#include "common/strings.h"
#include "common/url.h"

namespace gpalert {

std::optional<std::string_view> HttpRequest::Header(std::string_view name) const {
  for (const auto& [key, value] : headers)
    if (EqualsIgnoreCase(key, name)) return std::string_view(value);
  return std::nullopt;
}

namespace {

std::string DecodeFormPart(std::string_view part) {
  std::string spaced(part);
  for (char& c : spaced)
    if (c == '+') c = ' ';
  return PercentDecode(spaced);
}

}  // namespace

std::vector<std::pair<std::string, std::string>> ParseFormFields(std::string_view encoded) {
  std::vector<std::pair<std::string, std::string>> fields;
  while (!encoded.empty()) {
    size_t amp = encoded.find('&');
    std::string_view field = encoded.substr(0, amp);
    encoded = amp == std::string_view::npos ? std::string_view() : encoded.substr(amp + 1);
    if (field.empty()) continue;
    size_t eq = field.find('=');
    if (eq == std::string_view::npos) {
      fields.emplace_back(DecodeFormPart(field), "");
    } else {
      fields.emplace_back(DecodeFormPart(field.substr(0, eq)),
                          DecodeFormPart(field.substr(eq + 1)));
    }
  }
  return fields;
}

std::optional<std::string> FormField(const std::vector<std::pair<std::string, std::string>>& fields,
                                     std::string_view name) {
  for (const auto& [key, value] : fields)
    if (key == name) return value;
  return std::nullopt;
}

}  // namespace gpalert
