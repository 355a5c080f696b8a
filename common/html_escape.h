// EscapeHtml: text made safe to put into HTML, for the sanitiser, the feed JSON's HTML
// fields, digests and the endpoint's pages. Pure; any thread.
#pragma once

#include <string>
#include <string_view>

namespace gpalert {

enum class HtmlEscapeMode {
  kText,       // & < >   (element content)
  kAttribute,  // & < > " (a double-quoted attribute value)
  kAll,        // & < > " ' (anywhere, whatever quotes the template uses)
};

std::string EscapeHtml(std::string_view text, HtmlEscapeMode mode = HtmlEscapeMode::kText);

}  // namespace gpalert
