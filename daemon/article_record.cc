#include "daemon/article_record.h"

#include "alerts/url_canonicalizer.h"

namespace gpalert {

std::string CanonicalUrlOf(const std::string& url, const UrlRules& rules) {
  return CanonicalizeUrl(url, rules);
}

NewArticle ToNewArticle(const PollItem& item, const SourceConfig& source, bool alertable) {
  NewArticle a;
  a.source = source.name;
  a.url = item.url;
  a.canonical_url = CanonicalUrlOf(item.url, source.canonical);
  a.guid = item.guid;
  a.title = item.title ? *item.title : item.url;
  a.author = item.author;
  a.summary = item.summary;
  a.published = item.published;
  a.text = item.text;
  a.alertable = alertable;
  return a;
}

}  // namespace gpalert
