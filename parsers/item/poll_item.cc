#include "parsers/item/poll_item.h"

#include "common/strings.h"
#include "common/url.h"
#include "parsers/text/html_to_text.h"

namespace gpalert {
namespace {

std::optional<std::string> NonEmpty(std::optional<std::string> s) {
  if (!s) return std::nullopt;
  std::string collapsed = CollapseWhitespace(*s);
  if (collapsed.empty()) return std::nullopt;
  return collapsed;
}

std::optional<std::string> TextOf(const std::optional<std::string>& html) {
  if (!html) return std::nullopt;
  return NonEmpty(HtmlToText(*html, kStoredSummaryChars));
}

}  // namespace

std::vector<PollItem> ItemsFromFeed(const ParsedFeed& feed) {
  std::vector<PollItem> items;
  for (const FeedEntry& e : feed.entries) {
    PollItem item;
    auto usable = [](const std::optional<std::string>& url) {
      return url && url->size() <= kMaxUrlLength && IsHttpUrl(*url);
    };
    if (usable(e.link)) {
      item.url = *e.link;
    } else if (usable(e.id)) {
      item.url = *e.id;  // RSS guid isPermaLink / Atom id that is a URL
    } else {
      continue;  // nothing a digest could link to
    }
    item.guid = e.id;
    item.title = NonEmpty(e.title);
    if (e.author) item.author = NonEmpty(e.author->name ? e.author->name : e.author->email);
    item.summary = TextOf(e.summary);
    std::optional<std::string> content = TextOf(e.content);
    if (!item.summary) item.summary = content;
    if (content) {
      item.text = std::move(*content);
    } else if (item.summary) {
      item.text = *item.summary;
    }
    item.published = e.published ? e.published : e.updated;
    items.push_back(std::move(item));
  }
  return items;
}

std::vector<PollItem> ItemsFromListing(const std::vector<ListingLink>& links) {
  std::vector<PollItem> items;
  items.reserve(links.size());
  for (const ListingLink& link : links) {
    PollItem item;
    item.url = link.url;
    item.title = NonEmpty(link.title);
    item.author = NonEmpty(link.byline);
    item.published = link.published;
    items.push_back(std::move(item));
  }
  return items;
}

void MergeExtractedArticle(const Article& article, PollItem* item) {
  if (auto t = NonEmpty(article.title)) item->title = t;
  if (auto b = NonEmpty(article.byline)) item->author = b;
  if (article.published) item->published = article.published;
  if (auto lead = NonEmpty(article.lead)) {
    item->summary = ShortenText(*lead, kStoredSummaryChars);
    item->lead = std::move(lead);
  } else if (auto text = NonEmpty(article.text); text && !item->summary) {
    item->summary = ShortenText(*text, kStoredSummaryChars);
  }
  if (article.text && !article.text->empty()) {
    item->body_text = article.text;
    item->body_html = article.html;
  }
}

bool IsBackfill(const PollItem& item, Instant now, std::chrono::seconds backfill) {
  return item.published && *item.published < now - backfill;
}

}  // namespace gpalert
