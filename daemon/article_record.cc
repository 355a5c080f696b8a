#include "daemon/article_record.h"

#include "alerts/mail/mail_options.h"
#include "alerts/url_canonicalizer.h"

namespace gpalert {

static_assert(kMaxSummaryChars == kStoredSummaryChars,
              "[mail] summary_chars may not exceed what the poll keeps of a summary");

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
  a.text = item.body_text ? *item.body_text : item.text;  // the extracted page's, if any
  a.alertable = alertable;
  a.alert_updates = source.alert_updates;
  if (item.body_text) {
    a.body = ArticleBody{item.lead, *item.body_text, item.body_html.value_or("")};
  }
  return a;
}

}  // namespace gpalert
