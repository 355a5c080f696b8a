#include "daemon/article_record.h"

#include "alerts/url_canonicalizer.h"

namespace gpalert {

std::string CanonicalUrlOf(const std::string& url) { return CanonicalizeUrl(url); }

NewArticle ToNewArticle(const PollItem& item, const std::string& source, bool alertable) {
  NewArticle a;
  a.source = source;
  a.url = item.url;
  a.canonical_url = CanonicalUrlOf(item.url);
  a.guid = item.guid;
  a.title = item.title ? *item.title : item.url;
  a.author = item.author;
  a.summary = item.summary;
  a.published = item.published;
  a.alertable = alertable;
  return a;
}

}  // namespace gpalert
