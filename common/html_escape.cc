#include "common/html_escape.h"

namespace gpalert {

std::string EscapeHtml(std::string_view text, HtmlEscapeMode mode) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += mode == HtmlEscapeMode::kText ? "\"" : "&quot;";
        break;
      case '\'':
        out += mode == HtmlEscapeMode::kAll ? "&#39;" : "'";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace gpalert
