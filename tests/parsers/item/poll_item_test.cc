#include "parsers/item/poll_item.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

using std::chrono::hours;

const Instant kNow = Instant(std::chrono::seconds(1'800'000'000));

FeedEntry Entry(std::optional<std::string> link, std::optional<std::string> id = std::nullopt) {
  FeedEntry e;
  e.link = std::move(link);
  e.id = std::move(id);
  e.title = "  A   title\n";
  return e;
}

TEST(ItemsFromFeedTest, KeepsOnlyEntriesADigestCanLinkTo) {
  ParsedFeed feed;
  feed.entries = {Entry("https://example.org/a"),
                  Entry(std::nullopt, "https://example.org/permalink"),
                  Entry(std::nullopt, "tag:example.org,2021:1"),
                  Entry("mailto:someone@example.org"), Entry("relative/path")};
  auto items = ItemsFromFeed(feed);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].url, "https://example.org/a");
  EXPECT_EQ(items[1].url, "https://example.org/permalink");
  EXPECT_EQ(items[0].title.value_or(""), "A title");
}

TEST(ItemsFromFeedTest, SummaryIsPlainTextFromSummaryElseContent) {
  ParsedFeed feed;
  feed.entries = {Entry("https://example.org/a"), Entry("https://example.org/b")};
  feed.entries[0].summary = "<p>Lead &amp; more</p>";
  feed.entries[0].content = "<p>Body</p>";
  feed.entries[1].content = "<div><p>Only</p><p>content</p></div>";
  auto items = ItemsFromFeed(feed);
  EXPECT_EQ(items[0].summary.value_or(""), "Lead & more");
  EXPECT_EQ(items[1].summary.value_or(""), "Only content");
}

TEST(ItemsFromFeedTest, DateIsPublishedElseUpdatedAndAuthorIsNameElseEmail) {
  ParsedFeed feed;
  feed.entries = {Entry("https://example.org/a"), Entry("https://example.org/b")};
  feed.entries[0].published = kNow;
  feed.entries[0].updated = kNow + hours(1);
  feed.entries[0].author = Person{"Jane Doe", "jane@example.org", std::nullopt};
  feed.entries[1].updated = kNow + hours(2);
  feed.entries[1].author = Person{std::nullopt, "john@example.org", std::nullopt};
  auto items = ItemsFromFeed(feed);
  EXPECT_EQ(items[0].published, kNow);
  EXPECT_EQ(items[0].author.value_or(""), "Jane Doe");
  EXPECT_EQ(items[1].published, kNow + hours(2));
  EXPECT_EQ(items[1].author.value_or(""), "john@example.org");
}

TEST(MergeExtractedArticleTest, ThePageWinsAndTheFeedFillsGaps) {
  PollItem item;
  item.url = "https://example.org/a";
  item.title = "Feed title";
  item.author = "Feed Author";
  item.summary = "Feed summary";
  item.published = kNow;
  Article page;
  page.title = "Page title";
  page.lead = "The standfirst.";
  MergeExtractedArticle(page, &item);
  EXPECT_EQ(item.title.value_or(""), "Page title");
  EXPECT_EQ(item.author.value_or(""), "Feed Author");
  EXPECT_EQ(item.summary.value_or(""), "The standfirst.");
  EXPECT_EQ(item.published, kNow);
}

TEST(MergeExtractedArticleTest, WithoutALeadTheBodyTextStandsInOnlyWhenNothingElseDoes) {
  PollItem with_summary, without;
  with_summary.summary = "Feed summary";
  Article page;
  page.text = "First paragraph.\n\nSecond paragraph.";
  MergeExtractedArticle(page, &with_summary);
  MergeExtractedArticle(page, &without);
  EXPECT_EQ(with_summary.summary.value_or(""), "Feed summary");
  EXPECT_EQ(without.summary.value_or(""), "First paragraph. Second paragraph.");
}

TEST(MergeExtractedArticleTest, KeepsTheLeadTextAndHtmlForFullTextDigests) {
  PollItem item, no_text;
  Article page;
  page.lead = "  The   standfirst. ";
  page.text = "First paragraph.\n\nSecond paragraph.";
  page.html = "<p>First paragraph.</p><p>Second paragraph.</p>";
  MergeExtractedArticle(page, &item);
  EXPECT_EQ(item.lead.value_or(""), "The standfirst.");
  EXPECT_EQ(item.body_text.value_or(""), "First paragraph.\n\nSecond paragraph.");
  EXPECT_EQ(item.body_html.value_or(""), "<p>First paragraph.</p><p>Second paragraph.</p>");
  page.text = "";
  MergeExtractedArticle(page, &no_text);
  EXPECT_FALSE(no_text.body_text.has_value()) << "a page without text stores no body";
}

TEST(MergeExtractedArticleTest, SummariesAreKeptLongerThanTheDigestCutsThem) {
  PollItem item;
  Article page;
  page.lead = std::string(1500, 'x');
  MergeExtractedArticle(page, &item);
  EXPECT_EQ(item.summary.value_or("").size(), 1500u);
  page.lead = std::string(5000, 'x');
  MergeExtractedArticle(page, &item);
  EXPECT_LE(item.summary.value_or("").size(), kStoredSummaryChars + 3);
}

TEST(IsBackfillTest, OnlyDatedItemsOlderThanTheLimitAreBackfill) {
  PollItem old_item, new_item, undated;
  old_item.published = kNow - hours(100);
  new_item.published = kNow - hours(1);
  EXPECT_TRUE(IsBackfill(old_item, kNow, hours(72)));
  EXPECT_FALSE(IsBackfill(new_item, kNow, hours(72)));
  EXPECT_FALSE(IsBackfill(undated, kNow, hours(72)));
}

}  // namespace
}  // namespace gpalert
