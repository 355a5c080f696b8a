#include "daemon/article_record.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

TEST(ToNewArticleTest, CanonicalisesTheUrlAndNeverLeavesTheTitleEmpty) {
  PollItem item;
  item.url = "http://www.Example.org/a/?utm_source=rss";
  SourceConfig source;
  source.name = "Source";
  NewArticle a = ToNewArticle(item, source, /*alertable=*/false);
  EXPECT_EQ(a.source, "Source");
  EXPECT_EQ(a.url, item.url);
  EXPECT_EQ(a.canonical_url, "https://example.org/a");
  EXPECT_EQ(a.title, item.url);
  EXPECT_FALSE(a.alertable);
  EXPECT_FALSE(a.body.has_value()) << "no page, no body";
}

TEST(ToNewArticleTest, CarriesTheExtractedPageAsTheBody) {
  PollItem item;
  item.url = "https://example.org/a";
  item.lead = "Lead.";
  item.body_text = "Text.";
  item.body_html = "<p>Text.</p>";
  SourceConfig source;
  source.name = "Source";
  NewArticle a = ToNewArticle(item, source, true);
  ASSERT_TRUE(a.body.has_value());
  EXPECT_EQ(a.body->lead, "Lead.");
  EXPECT_EQ(a.body->text, "Text.");
  EXPECT_EQ(a.text, "Text.") << "the fingerprint reads the extracted page";
  EXPECT_EQ(a.body->html, "<p>Text.</p>");
}

TEST(ToNewArticleTest, AppliesTheSourcesCanonicalRulesAndCarriesTheText) {
  PollItem item;
  item.url = "https://example.org/view_articles.php?url=Pakistan-Reader&recordNo=1234&lang=en";
  item.text = "the body";
  SourceConfig source;
  source.name = "Source";
  source.canonical.key = {"recordNo"};
  NewArticle a = ToNewArticle(item, source, /*alertable=*/true);
  EXPECT_EQ(a.canonical_url, "https://example.org/view_articles.php?recordNo=1234");
  EXPECT_EQ(a.text, "the body");
}

}  // namespace
}  // namespace gpalert
