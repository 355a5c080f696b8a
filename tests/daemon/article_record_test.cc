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
}

}  // namespace
}  // namespace gpalert
