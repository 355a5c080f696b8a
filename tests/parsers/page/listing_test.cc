#include "parsers/page/listing.h"

#include <gtest/gtest.h>

#include "tests/parsers/page/page_fixture.h"

namespace gpalert {
namespace {

using testing::ReadPage;

constexpr const char* kListingUrl = "https://www.example.org/view_series.php?url=Pakistan-Reader";

TEST(DiscoverListingLinksTest, FindsTheRepeatedArticleBlocksOfTheSeedList) {
  ListingOptions options;
  options.url = kListingUrl;
  Result<Listing> listing = DiscoverListingLinks(ReadPage("pakistan_reader_listing.html"), options);
  ASSERT_TRUE(listing.ok()) << listing.status().ToString();
  const std::vector<ListingLink>* links = &listing->links;
  ASSERT_EQ(links->size(), 14u);
  const ListingLink& first = links->front();
  EXPECT_EQ(first.url,
            "https://www.example.org/view_articles.php?url=Global-Politics&recordNo=1251");
  EXPECT_EQ(first.title, "Africa This Week");
  ASSERT_TRUE(first.published);
  EXPECT_EQ(FormatRfc3339(*first.published), "2024-03-01T00:00:00Z");
  EXPECT_EQ(first.byline, "NIAS Africa Team");
  const ListingLink& chile = (*links)[2];
  EXPECT_EQ(chile.title, "Chile in 2023: Crises of Constitutionality");
  EXPECT_EQ(chile.byline, "Hoimi Mukherjee");
  EXPECT_EQ(FormatRfc3339(*chile.published), "2023-12-01T00:00:00Z");
  EXPECT_EQ(links->back().title, "Europe in 2021");
  for (const ListingLink& l : *links) {
    EXPECT_EQ(l.url.find("view_series.php"), std::string::npos) << l.url;  // navigation
    EXPECT_EQ(l.url.find("sitemap"), std::string::npos) << l.url;
    EXPECT_EQ(l.url.find("twitter"), std::string::npos) << l.url;
  }
}

TEST(DiscoverListingLinksTest, LinkPatternSelectsHrefsAndTheirOrder) {
  ListingOptions options;
  options.url = kListingUrl;
  options.link_pattern = R"(view_articles\.php\?url=Europe-Reader&recordNo=\d+$)";
  Result<Listing> listing = DiscoverListingLinks(ReadPage("pakistan_reader_listing.html"), options);
  ASSERT_TRUE(listing.ok());
  const std::vector<ListingLink>* links = &listing->links;
  ASSERT_EQ(links->size(), 7u);
  EXPECT_EQ((*links)[0].title, "Africa This Week");
  EXPECT_EQ((*links)[0].url,
            "https://www.example.org/view_articles.php?url=Europe-Reader&recordNo=1226");
}

TEST(DiscoverListingLinksTest, BadLinkPatternIsAnError) {
  ListingOptions options;
  options.url = kListingUrl;
  options.link_pattern = "view_articles(";
  Result<Listing> listing = DiscoverListingLinks("<a href=x>x</a>", options);
  ASSERT_FALSE(listing.ok());
  EXPECT_EQ(listing.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(listing.status().message().find("link_pattern"), std::string::npos);
}

// Issue 9: a 200 KB href under a .* pattern crashed the daemon (std::regex recursion).
// Links longer than kMaxUrlLength are now dropped before any matching.
TEST(DiscoverListingLinksTest, DropsOverlongHrefsAndKeepsTheRest) {
  ListingOptions options;
  options.url = kListingUrl;
  options.link_pattern = R"(view_articles\.php.*recordNo=)";
  std::string page = "<html><body><a href=\"/view_articles.php?x=" + std::string(200 * 1024, 'a') +
                     "&recordNo=1\">Huge</a><a href=\"/view_articles.php?recordNo=2\">Fine "
                     "article title</a></body></html>";
  Result<Listing> listing = DiscoverListingLinks(page, options);
  ASSERT_TRUE(listing.ok()) << listing.status().ToString();
  const std::vector<ListingLink>* links = &listing->links;
  ASSERT_EQ(links->size(), 1u);
  EXPECT_EQ((*links)[0].url, "https://www.example.org/view_articles.php?recordNo=2");
  // Not silently: the daemon shows this in the source's status.
  ASSERT_EQ(listing->warnings.size(), 1u);
  EXPECT_EQ(listing->warnings[0], "1 attribute longer than 16384 bytes dropped");
  // An href under the prefilter's cap but over kMaxUrlLength is the listing's to skip.
  page = "<html><body><a href=\"/view_articles.php?x=" + std::string(10 * 1024, 'a') +
         "&recordNo=1\">Long</a><a href=\"/view_articles.php?recordNo=2\">Fine</a></body></html>";
  listing = DiscoverListingLinks(page, options);
  ASSERT_TRUE(listing.ok()) << listing.status().ToString();
  EXPECT_EQ(listing->links.size(), 1u);
  ASSERT_EQ(listing->warnings.size(), 1u);
  EXPECT_EQ(listing->warnings[0], "1 link longer than 8192 bytes skipped");
}

TEST(DiscoverListingLinksTest, KeepsSameSiteLinksOnlyAndDeduplicates) {
  std::string page = "<body><ul>";
  for (int i = 0; i < 4; ++i) {
    std::string n = std::to_string(i);
    page += "<li><a href=\"/story/" + n + "\"><img src=x></a> <a href=\"/story/" + n +
            "#top\">Story number " + n + " about the harbour</a></li>";
    page += "<li><a href=\"https://other.example.net/story/" + n + "\">Elsewhere story number " +
            n + " today</a></li>";
  }
  page += "</ul></body>";
  ListingOptions options;
  options.url = "http://example.org/list";
  Result<Listing> listing = DiscoverListingLinks(page, options);
  ASSERT_TRUE(listing.ok());
  const std::vector<ListingLink>* links = &listing->links;
  ASSERT_EQ(links->size(), 4u);
  EXPECT_EQ((*links)[0].url, "http://example.org/story/0");
  EXPECT_EQ((*links)[0].title, "Story number 0 about the harbour");
}

TEST(DiscoverFeedLinksTest, FindsAlternateFeedsResolvedAgainstThePage) {
  std::vector<std::string> feeds =
      DiscoverFeedLinks(ReadPage("pakistan_reader_listing.html"), kListingUrl);
  ASSERT_EQ(feeds.size(), 2u);
  EXPECT_EQ(feeds[0], "https://example.org/feeds/all.atom");
  EXPECT_EQ(feeds[1], "https://www.example.org/rss/pakistan-reader.xml");
}

TEST(DiscoverFeedLinksTest, ReadsJsonFeedsAndIgnoresOtherAlternates) {
  std::vector<std::string> feeds = DiscoverFeedLinks(
      "<head><link rel=\"alternate\" type=\"application/feed+json\" href=\"/feed.json\">"
      "<link rel=\"alternate\" hreflang=de href=\"/de/\">"
      "<link rel=\"stylesheet alternate\" type=\"text/css\" href=\"/a.css\"></head>",
      "https://blog.example.com/post/1");
  ASSERT_EQ(feeds.size(), 1u);
  EXPECT_EQ(feeds[0], "https://blog.example.com/feed.json");
}

}  // namespace
}  // namespace gpalert
