// Which vocabulary a feed element belongs to (core RSS/RDF, Atom 0.3/1.0, Dublin
// Core, content:, xhtml:), recognising the namespace URIs seen in the wild (case and
// trailing-slash variants, undeclared but conventional prefixes), and the Dublin Core
// elements every format shares. Pure; any thread.
#pragma once

#include <libxml/tree.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/feed/feed_parser.h"
#include "parsers/feed/feed_values.h"
#include "parsers/feed/xml_node.h"

namespace gpalert {

enum class Vocab { kCore, kDc, kDcTerms, kContent, kXhtml, kAtom10, kAtom03, kRdf, kOther };

// Vocabulary of `node`; elements in `core_ns` (the root's namespace) or in no
// namespace are kCore.
Vocab VocabOf(const xmlNode* node, std::string_view core_ns);

// Calls fn(child, vocab, local_name) for every element child of `node`, in order.
template <typename Fn>
void ForEachChildElement(const xmlNode* node, std::string_view core_ns, Fn&& fn) {
  for (const xmlNode* c = node->children; c != nullptr; c = c->next)
    if (IsElement(c)) fn(c, VocabOf(c, core_ns), LocalName(c));
}

// Where Dublin Core values land for a channel/feed or an item/entry.
struct DublinCoreTarget {
  std::optional<std::string>* title = nullptr;
  std::optional<std::string>* description = nullptr;  // channel: plain text
  std::optional<std::string>* summary = nullptr;      // item: sanitised HTML
  std::optional<Person>* author = nullptr;
  std::optional<Instant>* updated = nullptr;
  std::optional<Instant>* published = nullptr;
  std::optional<std::string>* language = nullptr;
  std::vector<std::string>* categories = nullptr;
};

// Applies a dc:/dcterms: element; false when `node` is not one this contract reads.
bool ApplyDublinCore(const xmlNode* node, Vocab vocab, const DublinCoreTarget& target,
                     FeedContext* ctx);

}  // namespace gpalert
