#include "parsers/text/feed_discovery.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

TEST(FeedDiscoveryTest, FindsAdvertisedFeedsInDocumentOrder) {
  const char* html =
      "<html><head><title>t</title>"
      "<link rel=\"stylesheet\" href=\"/s.css\">"
      "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"RSS\" href=\"/feed.xml\">"
      "<LINK REL=\"Alternate\" TYPE=\"application/atom+xml\" HREF=\"atom.xml\">"
      "<link rel=\"alternate\" type=\"application/feed+json\" "
      "href=\"https://cdn.example.org/f.json\">"
      "<link rel=\"alternate\" type=\"text/html\" hreflang=\"fr\" href=\"/fr/\">"
      "<link rel=\"alternate stylesheet\" type=\"application/rss+xml\" href=\"/no.xml\">"
      "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed.xml\">"
      "</head><body></body></html>";
  auto feeds = DiscoverFeeds(html, "https://example.org/news/page.html");
  ASSERT_EQ(feeds.size(), 3u);
  EXPECT_EQ(feeds[0].url, "https://example.org/feed.xml");
  EXPECT_EQ(feeds[0].type, "application/rss+xml");
  EXPECT_EQ(feeds[0].title, "RSS");
  EXPECT_EQ(feeds[1].url, "https://example.org/news/atom.xml");
  EXPECT_EQ(feeds[1].type, "application/atom+xml");
  EXPECT_EQ(feeds[2].url, "https://cdn.example.org/f.json");
}

TEST(FeedDiscoveryTest, HonoursBaseHref) {
  auto feeds = DiscoverFeeds(
      "<base href=\"https://other.example/dir/\"><link rel=alternate type=application/atom+xml "
      "href=a.xml>",
      "https://example.org/");
  ASSERT_EQ(feeds.size(), 1u);
  EXPECT_EQ(feeds[0].url, "https://other.example/dir/a.xml");
}

TEST(FeedDiscoveryTest, FindsNothingOnAPageWithoutFeeds) {
  EXPECT_TRUE(DiscoverFeeds("<html><head></head><body><a href=/x>x</a></body></html>", "").empty());
  EXPECT_TRUE(DiscoverFeeds("", "").empty());
}

}  // namespace
}  // namespace gpalert
