// Small queries on HtmlDocument elements that the body extractor, the body cleaner and
// the visible-field reader share: blank text, comma counts, hidden elements, class/id
// hints as a weight, ancestors by tag, element children, and unlinking while walking. Pure
// functions over a document (RemoveNode mutates it); the caller's thread.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "parsers/page/html_document.h"

namespace gpalert {

// True when `s` holds only HTML white space (space, tab, LF, CR, FF).
bool IsAllSpace(std::string_view s);

// Commas in `s`, counting the Arabic, CJK and other full-width comma forms.
std::size_t CountCommas(std::string_view s);

// The lower-cased "class id" of an element, as the hint tables take it.
std::string ClassAndId(const HtmlDocument& doc, NodeId id);

// Hidden by its own markup: style display:none or visibility:hidden, the hidden
// attribute, aria-hidden="true" (except Readability's "fallback-image" class).
bool IsHiddenElement(const HtmlNode& n);

// -25/+25 for a negative/positive hint in the class, and again in the id.
int HintWeight(const HtmlDocument& doc, NodeId id);

// True when an ancestor of `id` within `max_depth` levels (every level when max_depth
// <= 0) is named `tag` and, when `accept` is given, passes it.
bool HasAncestorNamed(const HtmlDocument& doc, NodeId id, std::string_view tag, int max_depth,
                      const std::function<bool(NodeId)>& accept = nullptr);

// Element children of `id`.
std::size_t CountElementChildren(const HtmlDocument& doc, NodeId id);

// Unlinks `id` and returns the node a walk of `root` visits next.
NodeId RemoveNode(HtmlDocument* doc, NodeId id, NodeId root);

}  // namespace gpalert
