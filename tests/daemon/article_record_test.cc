#include "daemon/article_record.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

TEST(ToNewArticleTest, CanonicalisesTheUrlAndNeverLeavesTheTitleEmpty) {
  PollItem item;
  item.url = "http://www.Example.org/a/?utm_source=rss";
  NewArticle a = ToNewArticle(item, "Source", /*alertable=*/false);
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
  NewArticle a = ToNewArticle(item, "Source", true);
  ASSERT_TRUE(a.body.has_value());
  EXPECT_EQ(a.body->lead, "Lead.");
  EXPECT_EQ(a.body->text, "Text.");
  EXPECT_EQ(a.body->html, "<p>Text.</p>");
}

}  // namespace
}  // namespace gpalert
