#include "parsers/feed/feed_vocabulary.h"

#include "common/strings.h"
#include "parsers/feed/xml_node.h"

namespace gpalert {
namespace {

struct KnownNamespace {
  std::string_view uri;  // lower-case, without a trailing '/'
  Vocab vocab;
};

constexpr KnownNamespace kNamespaces[] = {
    {"http://purl.org/rss/1.0", Vocab::kCore},
    {"http://my.netscape.com/rdf/simple/0.9", Vocab::kCore},
    {"http://backend.userland.com/rss2", Vocab::kCore},
    {"http://backend.userland.com/rss", Vocab::kCore},
    {"http://blogs.law.harvard.edu/tech/rss", Vocab::kCore},
    {"http://purl.org/net/rss1.1#", Vocab::kCore},
    {"http://purl.org/dc/elements/1.1", Vocab::kDc},
    {"http://purl.org/dc/elements/1.0", Vocab::kDc},
    {"http://purl.org/dc/terms", Vocab::kDcTerms},
    {"http://purl.org/rss/1.0/modules/content", Vocab::kContent},
    {"http://www.w3.org/1999/xhtml", Vocab::kXhtml},
    {"http://www.w3.org/2005/atom", Vocab::kAtom10},
    {"http://purl.org/atom/ns#", Vocab::kAtom03},
    {"http://www.w3.org/1999/02/22-rdf-syntax-ns#", Vocab::kRdf},
    // Undeclared prefixes (libxml2 keeps "dc:creator" whole in recover mode).
    {"#dc", Vocab::kDc},
    {"#dcterms", Vocab::kDcTerms},
    {"#content", Vocab::kContent},
    {"#xhtml", Vocab::kXhtml},
    {"#rdf", Vocab::kRdf},
};

std::string NormalizeNamespace(std::string_view uri) {
  std::string n = AsciiLower(TrimAscii(uri));
  while (!n.empty() && n.back() == '/') n.pop_back();
  return n;
}

}  // namespace

Vocab VocabOf(const xmlNode* node, std::string_view core_ns) {
  std::string uri = NamespaceUri(node);
  if (uri.empty() || uri == core_ns) return Vocab::kCore;
  std::string n = NormalizeNamespace(uri);
  for (const auto& known : kNamespaces)
    if (known.uri == n) return known.vocab;
  return Vocab::kOther;
}

bool ApplyDublinCore(const xmlNode* node, Vocab vocab, const DublinCoreTarget& t,
                     FeedContext* ctx) {
  if (vocab != Vocab::kDc && vocab != Vocab::kDcTerms) return false;
  std::string_view name = LocalName(node);
  std::string text = TextContent(node);
  if (vocab == Vocab::kDc) {
    if (name == "title" && t.title) {
      *t.title = ToText(text, TextKind::kAuto);
    } else if (name == "description" && (t.description || t.summary)) {
      if (t.description) *t.description = ToText(text, TextKind::kAuto);
      if (t.summary)
        *t.summary = ToHtml(text, TextKind::kHtml, BaseUrlOf(node, ctx->document_base));
    } else if ((name == "creator" || name == "author") && t.author) {
      *t.author = ParsePersonText(ToText(text, TextKind::kAuto));
    } else if (name == "date" && t.updated) {
      if (auto d = ToDate(text, "dc:date", ctx)) *t.updated = d;
    } else if (name == "language" && t.language) {
      *t.language = std::string(TrimAscii(text));
    } else if (name == "subject" && t.categories) {
      std::string term = ToText(text, TextKind::kAuto);
      if (!term.empty()) t.categories->push_back(std::move(term));
    } else {
      return false;
    }
    return true;
  }
  if (name == "modified" && t.updated) {
    if (auto d = ToDate(text, "dcterms:modified", ctx)) *t.updated = d;
  } else if (name == "issued" && t.published) {
    if (auto d = ToDate(text, "dcterms:issued", ctx)) *t.published = d;
  } else {
    return false;
  }
  return true;
}

}  // namespace gpalert
