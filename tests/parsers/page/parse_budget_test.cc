// ParseBudget: a page over its node, parser-memory or CPU budget fails alone with
// "page too complex: ...", a cancelled parse stops, and an abandoned Gumbo run frees
// everything it held.
#include "parsers/page/parse_budget.h"

#include <gtest/gtest.h>
#include <malloc.h>

#include <atomic>
#include <string>

#include "parsers/page/extract_article.h"
#include "parsers/page/html_document.h"
#include "parsers/page/listing.h"
#include "tests/parsers/page/page_fixture.h"

namespace gpalert {
namespace {

using testing::Repeat;

std::string Paragraphs(size_t bytes) {
  std::string para =
      "<p>" + Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", 10) + "</p>\n";
  return "<body><article>" + Repeat(para, bytes / para.size()) + "</article>";
}

constexpr const char* kUrl = "https://example.org/a";

TEST(ParseBudgetTest, TooManyNodesFailsThePageWithItsUrl) {
  ExtractOptions options;
  options.url = kUrl;
  options.limits.max_nodes = 1000;
  Result<Article> a = ExtractArticle("<body>" + Repeat("<i>a</i>", 2000), options);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(a.status().message(), "https://example.org/a: page too complex: over 1000 nodes");
  // The same page within the default budget is an article.
  options.limits = ParseLimits{};
  EXPECT_TRUE(ExtractArticle("<body>" + Repeat("<i>a</i>", 2000), options).ok());
}

TEST(ParseBudgetTest, ParserMemoryOverTheLimitStopsGumboWhileItWorks) {
  ExtractOptions options;
  options.url = kUrl;
  options.limits.max_parser_bytes = 1u << 20;
  Result<Article> a = ExtractArticle(Paragraphs(2u << 20), options);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(a.status().message().find("page too complex: the HTML parser needed over 1 MB"),
            std::string::npos)
      << a.status().message();
}

TEST(ParseBudgetTest, CpuTimeOverTheLimitFailsThePage) {
  ExtractOptions options;
  options.url = kUrl;
  options.limits.max_cpu = std::chrono::milliseconds(1);
  // Megabytes of markup take far more than 1 ms of CPU on any machine.
  Result<Article> a = ExtractArticle(Paragraphs(4u << 20), options);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message(),
            "https://example.org/a: page too complex: parsing it took over 1 ms of CPU");
}

TEST(ParseBudgetTest, CancelledParseStopsWithATemporaryError) {
  std::atomic<bool> cancel{true};
  ListingOptions options;
  options.url = kUrl;
  options.limits.cancel = &cancel;
  Result<Listing> listing = DiscoverListingLinks(Paragraphs(64 << 10), options);
  ASSERT_FALSE(listing.ok());
  EXPECT_EQ(listing.status().code(), Status::Code::kTemporary);
  EXPECT_EQ(listing.status().message(), "https://example.org/a: cancelled: shutting down");
  cancel = false;
  EXPECT_TRUE(DiscoverListingLinks(Paragraphs(64 << 10), options).ok());
}

TEST(ParseBudgetTest, AnAbandonedParseFreesAllItHeld) {
  std::string page = Paragraphs(2u << 20);
  ParseLimits limits;
  limits.max_parser_bytes = 1u << 20;  // Gumbo gets well into the page before it stops
  size_t before = mallinfo2().uordblks;
  for (int i = 0; i < 5; ++i) {
    ParseBudget budget(limits);
    Result<HtmlDocument> doc = HtmlDocument::Parse(page, {}, &budget);
    ASSERT_FALSE(doc.ok());
  }
  size_t after = mallinfo2().uordblks;
  EXPECT_LT(after, before + (256u << 10)) << "before " << before << ", after " << after;
}

TEST(ParseBudgetTest, DefaultLimitsHoldAnOrdinaryLargePage) {
  ParseBudget budget;
  Result<HtmlDocument> doc = HtmlDocument::Parse(Paragraphs(3u << 20), {}, &budget);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_TRUE(budget.Check().ok());
}

}  // namespace
}  // namespace gpalert
