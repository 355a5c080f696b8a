// ParseFeed (declared in parsers/feed/feed_parser.h): decode, make safe, parse, detect the format
// once from the root element, hand over to the one parser for that format, then
// repair mojibake in every string.
#include <fmt/format.h>

#include "common/strings.h"
#include "common/url.h"
#include "parsers/feed/atom_parser.h"
#include "parsers/feed/feed_decoder.h"
#include "parsers/feed/feed_parser.h"
#include "parsers/feed/feed_values.h"
#include "parsers/feed/json_feed_parser.h"
#include "parsers/feed/rss_parser.h"
#include "parsers/feed/xml_document.h"
#include "parsers/feed/xml_entity_rewriter.h"
#include "parsers/feed/xml_node.h"
#include "parsers/text/feed_discovery.h"
#include "parsers/text/mojibake.h"

namespace gpalert {
namespace {

enum class FeedFormat { kNone, kRss09x, kRss10, kRss20, kAtom03, kAtom10 };

FeedFormat DetectXmlFormat(const xmlNode* root) {
  std::string_view name = LocalName(root);
  std::string ns = AsciiLower(NamespaceUri(root));
  if (name == "rss") {
    std::string version(TrimAscii(Attribute(root, "version").value_or("")));
    return version.starts_with("0.9") ? FeedFormat::kRss09x : FeedFormat::kRss20;
  }
  if (name == "RDF" || name == "rdf") {
    for (const std::string& href : DeclaredNamespaces(root)) {
      if (AsciiLower(href).starts_with("http://my.netscape.com/rdf/simple/0.9"))
        return FeedFormat::kRss09x;
    }
    for (const xmlNode* c = root->children; c != nullptr; c = c->next) {
      if (!IsElement(c)) continue;
      std::string cns = AsciiLower(NamespaceUri(c));
      if (cns.starts_with("http://my.netscape.com/rdf/simple/0.9")) return FeedFormat::kRss09x;
      if (cns.starts_with("http://purl.org/rss/1.0")) return FeedFormat::kRss10;
    }
    return FeedFormat::kRss10;
  }
  if (name == "feed") {
    if (ns.starts_with("http://www.w3.org/2005/atom")) return FeedFormat::kAtom10;
    if (ns.starts_with("http://purl.org/atom/ns")) return FeedFormat::kAtom03;
    std::string version(TrimAscii(Attribute(root, "version").value_or("")));
    return version.starts_with("0.") ? FeedFormat::kAtom03 : FeedFormat::kAtom10;
  }
  if (name == "channel") return FeedFormat::kRss09x;  // RSS 0.9x without the <rss> wrapper
  return FeedFormat::kNone;
}

const char* FormatName(FeedFormat f) {
  switch (f) {
    case FeedFormat::kRss09x:
      return "rss0.9x";
    case FeedFormat::kRss10:
      return "rss1.0";
    case FeedFormat::kRss20:
      return "rss2.0";
    case FeedFormat::kAtom03:
      return "atom0.3";
    case FeedFormat::kAtom10:
      return "atom1.0";
    case FeedFormat::kNone:
      break;
  }
  return nullptr;
}

std::string DocumentBase(const FeedParseOptions& options) {
  if (options.content_location) {
    std::string resolved = ResolveUrl(options.url, *options.content_location);
    if (IsHttpUrl(resolved)) return resolved;
  }
  return options.url;
}

void Clean(std::string* s) {
  if (IsAllAscii(*s)) return;
  if (!IsValidUtf8(*s)) *s = SanitizeUtf8(*s);
  if (MayHaveMojibake(*s)) *s = RepairMojibake(*s);
}
void Clean(std::optional<std::string>* s) {
  if (*s) Clean(&**s);
}
void Clean(std::optional<Person>* p) {
  if (!*p) return;
  Clean(&(*p)->name);
  Clean(&(*p)->email);
  Clean(&(*p)->uri);
  if (!(*p)->name && !(*p)->email && !(*p)->uri) p->reset();
}

// Every string leaves as valid UTF-8 with mojibake repaired.
void CleanStrings(ParsedFeed* feed) {
  Clean(&feed->title);
  Clean(&feed->link);
  Clean(&feed->description);
  Clean(&feed->language);
  Clean(&feed->author);
  for (auto& e : feed->entries) {
    Clean(&e.id);
    Clean(&e.title);
    Clean(&e.link);
    Clean(&e.author);
    Clean(&e.summary);
    Clean(&e.content);
    for (auto& c : e.categories) Clean(&c);
    for (auto& enc : e.enclosures) {
      Clean(&enc.url);
      Clean(&enc.type);
    }
  }
  for (auto& w : feed->warnings)
    if (!IsValidUtf8(w)) w = SanitizeUtf8(w);
}

bool LooksLikeJson(std::string_view text) {
  std::string_view t = TrimAscii(text);
  return !t.empty() && t.front() == '{';
}

}  // namespace

ParsedFeed ParseFeed(std::string_view bytes, const FeedParseOptions& options) {
  ParsedFeed feed;
  if (bytes.size() > options.max_bytes) {
    feed.warnings.push_back(fmt::format("document is {} bytes, over the {}-byte limit; not parsed",
                                        bytes.size(), options.max_bytes));
    return feed;
  }
  FeedContext ctx{DocumentBase(options), &feed.warnings};

  DecodedDocument decoded = DecodeFeedDocument(bytes, options.content_type);
  feed.encoding = decoded.encoding;
  feed.warnings = std::move(decoded.warnings);

  std::string_view text = decoded.text();
  if (LooksLikeJson(text)) {
    if (!ParseJsonFeed(text, &ctx, &feed))
      feed.warnings.push_back("JSON document is not a JSON Feed");
  } else {
    RewrittenXml rewritten = RewriteXmlEntities(text);
    for (auto& w : rewritten.warnings) feed.warnings.push_back(std::move(w));
    XmlDocument xml = ParseXmlDocument(rewritten.changed ? std::string_view(rewritten.text) : text);
    rewritten.text = std::string();  // the tree holds everything from here on
    decoded.converted = std::string();
    if (!xml.well_formed) {
      std::string detail;
      for (size_t i = 0; i < xml.errors.size() && i < 3; ++i) detail += "; " + xml.errors[i];
      feed.warnings.push_back(fmt::format(
          "document is not well-formed XML ({} errors, recovered){}", xml.error_count, detail));
    }
    const xmlNode* root = xml.root();
    FeedFormat format = root != nullptr ? DetectXmlFormat(root) : FeedFormat::kNone;
    if (format == FeedFormat::kNone) {
      // First, so that one-line reports (gpalert sources) show it: what the document
      // is, and for an HTML page the feeds it advertises (autodiscovery).
      std::string what = root != nullptr
                             ? fmt::format("root element <{}> is not a feed", LocalName(root))
                             : std::string("no XML element found");
      for (const auto& found : DiscoverFeeds(bytes, ctx.document_base))
        what += fmt::format("; the page advertises a feed: {} ({})", found.url, found.type);
      feed.warnings.insert(feed.warnings.begin(), std::move(what));
    } else {
      feed.format = FormatName(format);
      if (format == FeedFormat::kAtom03 || format == FeedFormat::kAtom10)
        ParseAtom(root, format == FeedFormat::kAtom03, &ctx, &feed);
      else
        ParseRss(root, &ctx, &feed);
    }
  }
  if (!feed.language && options.content_language) {
    std::string lang(
        TrimAscii(options.content_language->substr(0, options.content_language->find(','))));
    if (!lang.empty()) feed.language = lang;
  }
  if (feed.language) {  // "en_US" is written "en-US"
    for (char& c : *feed.language)
      if (c == '_') c = '-';
    *feed.language = std::string(TrimAscii(*feed.language));
  }
  CleanStrings(&feed);
  return feed;
}

}  // namespace gpalert
