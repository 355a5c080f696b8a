// SanitizeHtml: makes an HTML fragment from a feed safe to put into a mail. Elements and
// attributes off the allow-lists (HTML plus the SVG and MathML subsets) are removed,
// script/style/object/iframe/... are removed with their content, style attributes keep
// only allow-listed CSS, URLs are made absolute and unsafe schemes emptied, and the
// result is balanced. Pure; any thread.
#pragma once

#include <string>
#include <string_view>

namespace gpalert {

// `base_url` resolves relative href/src/... values ("" leaves them as they are).
std::string SanitizeHtml(std::string_view html, std::string_view base_url);

// The text of an HTML fragment: tags removed, script/style (and other non-content
// elements') text dropped, references decoded, block boundaries as spaces, runs of
// ASCII white space collapsed to one space, trimmed.
std::string HtmlToPlainText(std::string_view html);

}  // namespace gpalert
