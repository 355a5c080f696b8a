#include "parsers/page/listing.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "common/regex.h"
#include "common/strings.h"
#include "common/url.h"
#include "parsers/page/dom_text.h"
#include "parsers/page/html_document.h"
#include "parsers/text/feed_discovery.h"
#include "parsers/text/html_charset.h"
#include "parsers/text/visible_date.h"

namespace gpalert {
namespace {

struct Candidate {
  NodeId anchor;
  std::string url;
  std::string title;
  std::string signature;  // tag/class path of the anchor's ancestors
};

std::string HostWithoutWww(std::string_view url) {
  std::string host = SplitUrl(url).host();
  if (host.starts_with("www.")) host.erase(0, 4);
  return host;
}

bool InChrome(const HtmlDocument& doc, NodeId id) {
  for (NodeId p = doc.node(id).parent; p != kNoNode; p = doc.node(p).parent) {
    const HtmlNode& n = doc.node(p);
    if (n.Is("nav") || n.Is("header") || n.Is("footer")) return true;
    std::string_view role = n.Attr("role");
    if (role == "navigation" || role == "banner" || role == "contentinfo") return true;
    std::string hint = AsciiLower(n.Attr("class")) + " " + AsciiLower(n.Attr("id"));
    for (std::string_view w : {"menu", "navbar", "breadcrumb", "footer", "pager", "pagination"})
      if (hint.find(w) != std::string::npos) return true;
  }
  return false;
}

std::string Signature(const HtmlDocument& doc, NodeId anchor) {
  std::string sig;
  int level = 0;
  for (NodeId p = anchor; p != kNoNode && level < 4; p = doc.node(p).parent, ++level) {
    const HtmlNode& n = doc.node(p);
    sig += n.name;
    std::string_view cls = TrimAscii(n.Attr("class"));
    size_t sp = cls.find(' ');
    sig += '.';
    sig += cls.substr(0, sp);
    sig += '/';
  }
  return sig;
}

size_t WordCount(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    bool space = c == ' ';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

// The largest ancestor of `anchor` that holds no other link of the group.
NodeId BlockOf(const HtmlDocument& doc, NodeId anchor, const std::set<NodeId>& group) {
  NodeId block = anchor;
  for (NodeId p = doc.node(anchor).parent; p != kNoNode && p != doc.body();
       p = doc.node(p).parent) {
    bool other = false;
    for (NodeId a : doc.ElementsByTag(p, "a")) {
      if (a != anchor && group.count(a)) {
        other = true;
        break;
      }
    }
    if (other) break;
    block = p;
  }
  return block;
}

// "Name | affiliation" or "Name" written as its own line in the block.
std::optional<std::string> BylineInBlock(const HtmlDocument& doc, NodeId block, NodeId anchor,
                                         const std::string& title) {
  for (NodeId id : doc.ElementsByTag(block, "")) {
    if (doc.Contains(anchor, id) || doc.Contains(id, anchor)) continue;
    bool leaf = true;
    for (NodeId c = doc.node(id).first_child; c != kNoNode; c = doc.node(c).next)
      if (doc.node(c).is_element() && IsBlockElement(doc.node(c).name)) leaf = false;
    if (!leaf || IsVoidElement(doc.node(id).name)) continue;
    std::string text = CollapseWhitespace(InnerText(doc, id));
    if (text.empty() || text == title || FindVisibleDate(text)) continue;
    std::string_view name = text;
    size_t bar = name.find(" | ");
    if (bar != std::string_view::npos) name = name.substr(0, bar);
    if (StartsWithIgnoreCase(name, "by ")) name.remove_prefix(3);
    name = TrimAscii(name);
    size_t words = WordCount(name);
    if (words >= 1 && words <= 6 && name.size() <= 60 && name[0] >= 'A' && name[0] <= 'Z' &&
        name.find('#') == std::string_view::npos)
      return std::string(name);
  }
  return std::nullopt;
}

}  // namespace

Result<Listing> DiscoverListingLinks(std::string_view bytes, const ListingOptions& options) {
  std::optional<Regex> pattern;
  if (options.link_pattern) {
    Result<Regex> compiled = Regex::Compile(*options.link_pattern);
    if (!compiled.ok()) {
      return Status::InvalidArgument(
          fmt::format("link_pattern \"{}\" is not a valid regular expression: {}",
                      *options.link_pattern, compiled.status().message()));
    }
    pattern.emplace(std::move(compiled).value());
  }
  DecodedHtml decoded = DecodeHtml(bytes, options.content_type);
  ParseBudget budget(options.limits);
  Result<HtmlDocument> parsed = HtmlDocument::Parse(decoded.utf8, {}, &budget);
  if (!parsed.ok()) return parsed.status().WithPrefix(options.url + ": ");
  const HtmlDocument& doc = parsed.value();
  std::string base = options.url;
  for (NodeId b : doc.ElementsByTag(doc.head(), "base")) {
    std::string_view href = doc.node(b).Attr("href");
    if (!href.empty()) base = ResolveUrl(options.url, href);
    break;
  }
  std::string site = HostWithoutWww(options.url);
  std::string self = SplitUrl(options.url).ToString();

  Listing listing;
  listing.warnings = doc.warnings();
  size_t overlong = 0;  // no site links to its articles by 8 KB URLs: hostile or broken
  std::vector<Candidate> candidates;
  for (NodeId a : doc.ElementsByTag(doc.body(), "a")) {
    std::string_view href = TrimAscii(doc.node(a).Attr("href"));
    if (href.size() > kMaxUrlLength) {
      ++overlong;
      continue;
    }
    if (href.empty() || href[0] == '#' || StartsWithIgnoreCase(href, "javascript:") ||
        StartsWithIgnoreCase(href, "mailto:"))
      continue;
    UrlParts parts = SplitUrl(ResolveUrl(base, href));
    parts.fragment.reset();
    std::string url = parts.ToString();
    if (!IsHttpUrl(url)) continue;
    if (!site.empty() && HostWithoutWww(url) != site) continue;
    if (url == self) continue;
    if (url.size() > kMaxUrlLength) {
      ++overlong;
      continue;
    }
    if (pattern && !pattern->Search(url)) continue;
    candidates.push_back({a, url, CollapseWhitespace(InnerText(doc, a)), Signature(doc, a)});
  }

  std::vector<const Candidate*> chosen;
  if (pattern) {
    for (const Candidate& c : candidates) chosen.push_back(&c);
  } else {
    // Repeated blocks: links sharing an ancestor structure, with headline-like text,
    // outside navigation; the best-scoring structures are the article list.
    std::map<std::string, std::vector<const Candidate*>> groups;
    for (const Candidate& c : candidates)
      if (!InChrome(doc, c.anchor)) groups[c.signature].push_back(&c);
    double best = 0;
    std::vector<std::pair<double, const std::vector<const Candidate*>*>> scored;
    for (const auto& [sig, members] : groups) {
      std::set<std::string> urls;
      size_t words = 0;
      for (const Candidate* c : members) {
        urls.insert(c->url);
        words += WordCount(c->title);
      }
      if (urls.size() < 3) continue;
      double avg_words = static_cast<double>(words) / static_cast<double>(members.size());
      if (avg_words < 2) continue;
      double score = static_cast<double>(urls.size()) * std::min(avg_words, 8.0);
      scored.emplace_back(score, &members);
      best = std::max(best, score);
    }
    for (const auto& [score, members] : scored)
      if (score >= best * 0.5)
        for (const Candidate* c : *members) chosen.push_back(c);
    if (chosen.empty()) {
      for (const Candidate& c : candidates)
        if (!InChrome(doc, c.anchor) && WordCount(c.title) >= 4) chosen.push_back(&c);
    }
    std::sort(chosen.begin(), chosen.end(),
              [](const Candidate* x, const Candidate* y) { return x->anchor < y->anchor; });
  }

  if (overlong > 0) {
    listing.warnings.push_back(fmt::format("{} link{} longer than {} bytes skipped", overlong,
                                           overlong == 1 ? "" : "s", kMaxUrlLength));
  }
  std::set<NodeId> group;
  for (const Candidate* c : chosen) group.insert(c->anchor);
  std::vector<ListingLink>& links = listing.links;
  std::map<std::string, size_t> index;
  for (const Candidate* c : chosen) {
    auto it = index.find(c->url);
    if (it != index.end()) {
      if (links[it->second].title.empty()) links[it->second].title = c->title;
      continue;
    }
    ListingLink link;
    link.url = c->url;
    link.title = c->title;
    NodeId block = BlockOf(doc, c->anchor, group);
    if (block != c->anchor) {
      std::string block_text = InnerText(doc, block);
      size_t at = block_text.find(c->title);
      std::string without_title = block_text;
      if (!c->title.empty() && at != std::string::npos) without_title.erase(at, c->title.size());
      link.published = FindVisibleDate(without_title);
      link.byline = BylineInBlock(doc, block, c->anchor, c->title);
    }
    index[c->url] = links.size();
    links.push_back(std::move(link));
  }
  if (Status within = budget.Check(); !within.ok()) return within.WithPrefix(options.url + ": ");
  return listing;
}

std::vector<std::string> DiscoverFeedLinks(std::string_view bytes, std::string_view page_url) {
  // Feed autodiscovery lives in the text layer (parsers/text/feed_discovery.h); this is the
  // listing-side entry point the daemon calls on a page source.
  std::vector<std::string> urls;
  for (DiscoveredFeed& feed : DiscoverFeeds(bytes, page_url)) urls.push_back(std::move(feed.url));
  return urls;
}

}  // namespace gpalert
