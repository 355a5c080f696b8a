#include "parsers/text/feed_discovery.h"

#include <algorithm>

#include "common/strings.h"
#include "common/url.h"
#include "parsers/text/html_tokenizer.h"

namespace gpalert {
namespace {

constexpr size_t kMaxScannedBytes = 2 * 1024 * 1024;
constexpr size_t kMaxFeeds = 32;

bool IsFeedType(std::string_view type) {
  return type == "application/rss+xml" || type == "application/atom+xml" ||
         type == "application/feed+json" || type == "application/rdf+xml" ||
         type == "application/json";
}

// True when the space-separated rel list holds "alternate" and not "stylesheet".
bool RelIsAlternate(std::string_view rel) {
  bool alternate = false;
  std::string lower = AsciiLower(rel);  // Split returns views into it
  for (std::string_view token : Split(lower, ' ')) {
    token = TrimAscii(token);
    if (token == "alternate") alternate = true;
    if (token == "stylesheet") return false;
  }
  return alternate;
}

const std::string* Find(const HtmlToken& token, std::string_view name) {
  for (const auto& [n, v] : token.attributes)
    if (n == name) return &v;
  return nullptr;
}

}  // namespace

std::vector<DiscoveredFeed> DiscoverFeeds(std::string_view html, std::string_view page_url) {
  std::vector<DiscoveredFeed> feeds;
  std::string base(TrimAscii(page_url));
  std::string relist;
  HtmlTokenizer tokenizer(html.substr(0, kMaxScannedBytes));
  HtmlToken token;
  while (tokenizer.Next(&token) && feeds.size() < kMaxFeeds) {
    if (token.kind != HtmlToken::Kind::kStartTag) continue;
    if (token.name == "base") {
      if (const std::string* href = Find(token, "href"); href && !TrimAscii(*href).empty())
        base = ResolveUrl(base, *href);
      continue;
    }
    if (token.name != "link") continue;
    const std::string* rel = Find(token, "rel");
    const std::string* type = Find(token, "type");
    const std::string* href = Find(token, "href");
    if (!rel || !type || !href || TrimAscii(*href).empty() || !RelIsAlternate(*rel)) continue;
    std::string media = AsciiLower(TrimAscii(std::string_view(*type).substr(0, type->find(';'))));
    if (!IsFeedType(media)) continue;
    DiscoveredFeed feed;
    feed.url = ResolveUrl(base, *href);
    feed.type = media;
    if (const std::string* title = Find(token, "title")) feed.title = CollapseWhitespace(*title);
    bool seen = std::any_of(feeds.begin(), feeds.end(),
                            [&](const DiscoveredFeed& f) { return f.url == feed.url; });
    if (!seen) feeds.push_back(std::move(feed));
  }
  return feeds;
}

}  // namespace gpalert
