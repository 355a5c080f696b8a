// DomText: text views of an HtmlDocument subtree: the collapsed inner text the
// extractor scores, plain text with paragraphs split by blank lines, and cleaned HTML.
// The text views leave soft hyphens (U+00AD) out; the HTML keeps them.
// Pure functions over a document; the caller's thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "parsers/page/html_document.h"

namespace gpalert {

// textContent with white space collapsed and trimmed.
std::string InnerText(const HtmlDocument& doc, NodeId root);
// InnerText, with `space_blocks` a space where a block element or <br> inside `root`
// starts or ends ("<div>By</div><div>Jane Doe</div>" reads "By Jane Doe", as shown).
std::string CollapsedText(const HtmlDocument& doc, NodeId root, bool space_blocks);
// Number of code points of InnerText (without building it).
std::size_t TextLength(const HtmlDocument& doc, NodeId root);
// Code points of text inside <a> descendants over TextLength (0 when empty).
double LinkDensity(const HtmlDocument& doc, NodeId root);
// Code points of a UTF-8 string.
std::size_t CodePoints(std::string_view s);

// Plain text: block elements are paragraphs separated by one blank line; <br>, list
// items and table rows start a new line; cells are separated by a tab; <pre> keeps
// its line breaks.
std::string RenderText(const HtmlDocument& doc, NodeId root);
// The subtree as HTML (root's children only when include_root is false), keeping
// only presentation-free attributes (href, src, alt, title, colspan, rowspan, datetime).
std::string RenderHtml(const HtmlDocument& doc, NodeId root, bool include_root);

bool IsBlockElement(std::string_view tag);
bool IsVoidElement(std::string_view tag);

}  // namespace gpalert
