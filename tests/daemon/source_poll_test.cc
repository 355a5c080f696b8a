#include "daemon/source_poll.h"

#include <gtest/gtest.h>
#include <atomic>

#include <future>

#include "tests/daemon/fakes.h"

namespace gpalert {
namespace {

using std::chrono::hours;
using std::chrono::seconds;
using testing::ThreadsHarness;

std::string Rss(const std::vector<std::string>& items) {
  std::string out =
      "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>"
      "<link>https://example.org/</link><description>d</description>";
  for (const std::string& i : items) out += i;
  return out + "</channel></rss>";
}

std::string Item(const std::string& title, const std::string& link, const std::string& date,
                 const std::string& description = "&lt;p&gt;A &amp;amp; B&lt;/p&gt;") {
  return "<item><title>" + title + "</title><link>" + link + "</link><guid>" + link +
         "</guid><pubDate>" + date + "</pubDate><description>" + description +
         "</description></item>";
}

class SourcePollTest : public ::testing::Test {
 protected:
  SourcePollTest() {
    feed.name = "Feed";
    feed.url = "https://example.org/feed.xml";
    daemon.poll_interval = seconds(3600);
    daemon.backfill = hours(72);
  }

  PollOutcome Poll(const SourceConfig& source) {
    std::promise<PollOutcome> done;
    h.RunOnWriter([&] {
      SourcePoll::Start(h.ctx, source, daemon, /*internal=*/false, &stopping,
                        [&](const PollOutcome& o) { done.set_value(o); });
      return 0;
    });
    return done.get_future().get();
  }

  SourceState State(const std::string& name) {
    auto s = h.RunOnWriter([&] { return h.store->GetSource(name); });
    EXPECT_TRUE(s.ok() && s.value()) << name;
    return s.ok() && s.value() ? *s.value() : SourceState{};
  }

  std::vector<StoredArticle> Articles(const std::string& source) {
    auto a = h.RunOnWriter([&] { return h.store->RecentArticles(source, 100); });
    EXPECT_TRUE(a.ok());
    return a.ok() ? a.value() : std::vector<StoredArticle>{};
  }

  ThreadsHarness h;
  SourceConfig feed;
  DaemonOptions daemon;
  std::atomic<bool> stopping{false};
};

// 2027-01-15T08:00:00Z is the harness's now.
const char* kRecent = "Fri, 15 Jan 2027 06:00:00 GMT";
const char* kOld = "Mon, 04 Jan 2027 06:00:00 GMT";

TEST_F(SourcePollTest, RecordsFeedItemsWithPlainTextSummariesAndSchedulesTheNextPoll) {
  h.fetcher.Serve(feed.url, Rss({Item("One", "https://example.org/1", kRecent),
                                 Item("Two", "https://example.org/2", kRecent)}));
  PollOutcome o = Poll(feed);
  EXPECT_TRUE(o.ok);
  EXPECT_EQ(o.new_items, 2);
  SourceState s = State("Feed");
  EXPECT_EQ(s.last_status, "200 OK, 2 new");
  EXPECT_EQ(s.items_seen, 2);
  EXPECT_EQ(s.consecutive_failures, 0);
  EXPECT_TRUE(s.first_poll_done);
  ASSERT_TRUE(s.next_due);
  EXPECT_GE(*s.next_due, h.now + seconds(3240));
  EXPECT_LE(*s.next_due, h.now + seconds(3960));
  auto articles = Articles("Feed");
  ASSERT_EQ(articles.size(), 2u);
  EXPECT_EQ(articles[0].summary.value_or(""), "A & B");
  EXPECT_TRUE(articles[0].alertable);
}

TEST_F(SourcePollTest, RecordsOldItemsOfTheFirstPollAsBackfillNotAlertable) {
  h.fetcher.Serve(feed.url, Rss({Item("New", "https://example.org/new", kRecent),
                                 Item("Old", "https://example.org/old", kOld)}));
  Poll(feed);
  for (const StoredArticle& a : Articles("Feed")) {
    EXPECT_EQ(a.alertable, a.title == "New") << a.title;
  }
}

TEST_F(SourcePollTest, AfterTheFirstPollOldItemsAreNewsLikeAnyOther) {
  h.fetcher.Serve(feed.url, Rss({Item("New", "https://example.org/new", kRecent)}));
  Poll(feed);
  h.fetcher.Serve(feed.url, Rss({Item("Late", "https://example.org/late", kOld),
                                 Item("New", "https://example.org/new", kRecent)}));
  PollOutcome o = Poll(feed);
  EXPECT_EQ(o.new_items, 1);
  for (const StoredArticle& a : Articles("Feed")) EXPECT_TRUE(a.alertable) << a.title;
}

TEST_F(SourcePollTest, AFailureIsStoredInWordsAndBacksOff) {
  h.fetcher.Fail(feed.url, FetchError::kHttpStatus, 500, "500 Internal Server Error");
  PollOutcome o = Poll(feed);
  EXPECT_FALSE(o.ok);
  SourceState s = State("Feed");
  EXPECT_EQ(s.consecutive_failures, 1);
  EXPECT_EQ(s.last_error.value_or(""), "500 Internal Server Error");
  EXPECT_FALSE(s.first_poll_done);
  Poll(feed);
  s = State("Feed");
  EXPECT_EQ(s.consecutive_failures, 2);
  ASSERT_TRUE(s.next_due);
  EXPECT_GT(*s.next_due, h.now + seconds(3600)) << "the second failure waits longer";
}

TEST_F(SourcePollTest, AGarbageBodyIsAFailureThatSaysItIsNotAFeed) {
  h.fetcher.Serve(feed.url, "\x01\x02 this is not xml at all", "text/html");
  PollOutcome o = Poll(feed);
  EXPECT_FALSE(o.ok);
  SourceState s = State("Feed");
  EXPECT_NE(s.last_error.value_or("").find("not a feed"), std::string::npos) << *s.last_error;
}

TEST_F(SourcePollTest, SendsStoredValidatorsAndTreats304AsSuccessWithNothingNew) {
  FetchResult r;
  r.http_status = 200;
  r.final_url = feed.url;
  r.body = Rss({Item("One", "https://example.org/1", kRecent)});
  r.etag = "\"v1\"";
  h.fetcher.Respond(feed.url, r);
  Poll(feed);
  PollOutcome o = Poll(feed);
  EXPECT_TRUE(o.ok);
  EXPECT_EQ(o.new_items, 0);
  EXPECT_EQ(h.fetcher.requests().back().etag.value_or(""), "\"v1\"");
  SourceState s = State("Feed");
  EXPECT_EQ(s.last_status, "304 not modified");
  EXPECT_EQ(s.etag.value_or(""), "\"v1\"");
}

TEST_F(SourcePollTest, RecordsAPermanentRedirectForTheAdmin) {
  FetchResult r;
  r.http_status = 200;
  r.final_url = "https://example.org/new-feed.xml";
  r.permanent_redirect = "https://example.org/new-feed.xml";
  r.body = Rss({});
  h.fetcher.Respond(feed.url, r);
  Poll(feed);
  EXPECT_EQ(State("Feed").moved_to.value_or(""), "https://example.org/new-feed.xml");
}

TEST_F(SourcePollTest, DoesNotRecordAnItemTwiceAcrossPolls) {
  h.fetcher.Serve(feed.url, Rss({Item("One", "https://example.org/1?utm_source=x", kRecent)}));
  Poll(feed);
  h.fetcher.Serve(feed.url, Rss({Item("One", "https://www.example.org/1", kRecent)}));
  PollOutcome o = Poll(feed);
  EXPECT_EQ(o.new_items, 0);
  EXPECT_EQ(Articles("Feed").size(), 1u);
}

TEST_F(SourcePollTest, FetchFullFetchesEachNewEntryPageOnceAndExtractsIt) {
  feed.fetch_full = true;
  h.fetcher.Serve(feed.url, Rss({Item("Feed title", "https://example.org/a1", kRecent)}));
  h.fetcher.Serve("https://example.org/a1",
                  "<html><head><title>Site | Page title</title></head><body><article>"
                  "<h1>Page title</h1><p class=\"byline\">By Jane Doe</p>"
                  "<p>First paragraph of the article, long enough to be the body of it all. "
                  "It goes on for a while with words and more words and sentences.</p>"
                  "<p>Second paragraph with more text so the extractor is sure of itself "
                  "and picks this container as the article body.</p></article></body></html>",
                  "text/html; charset=utf-8");
  Poll(feed);
  Poll(feed);
  EXPECT_EQ(h.fetcher.CountRequests("https://example.org/a1"), 1);
  auto articles = Articles("Feed");
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].title, "Page title");
}

TEST_F(SourcePollTest, DoesNotFetchThePageOfAPrunedArticleAgain) {
  feed.fetch_full = true;
  h.fetcher.Serve(feed.url, Rss({Item("Old", "https://example.org/old", kRecent)}));
  Poll(feed);
  h.fetcher.Serve(feed.url, Rss({Item("Old", "https://example.org/old", kRecent),
                                 Item("New", "https://example.org/new", kRecent)}));
  Poll(feed);
  h.now += hours(24 * 200);
  auto pruned = h.RunOnWriter([&] { return h.store->Prune(RetentionPolicy{}, h.now); });
  ASSERT_TRUE(pruned.ok() && pruned->articles == 1);
  PollOutcome o = Poll(feed);
  EXPECT_EQ(o.new_items, 0);
  EXPECT_EQ(h.fetcher.CountRequests("https://example.org/old"), 1)
      << "only its dedup keys are left, and they say it is a duplicate";
  EXPECT_EQ(h.fetcher.CountRequests("https://example.org/new"), 1);
}

TEST_F(SourcePollTest, AnArticlePageThatFailsIsRecordedFromTheFeed) {
  feed.fetch_full = true;
  h.fetcher.Serve(feed.url, Rss({Item("Feed title", "https://example.org/gone", kRecent)}));
  PollOutcome o = Poll(feed);
  EXPECT_TRUE(o.ok);
  auto articles = Articles("Feed");
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].title, "Feed title");
}

}  // namespace
}  // namespace gpalert

namespace gpalert {
namespace {

std::string Page(const std::string& title) {
  return "<html><head><title>" + title + "</title></head><body><article><h1>" + title +
         "</h1><p>A paragraph of the article that is long enough to be its body, with "
         "several words in it and a full stop.</p><p>And a second paragraph, so the "
         "extractor has something to score.</p></article></body></html>";
}

TEST_F(SourcePollTest, AListingWithMoreNewLinksThanOnePollTakesThemOverTheNextPolls) {
  SourceConfig listing;
  listing.name = "Listing";
  listing.url = "https://example.org/series/";
  listing.type = SourceType::kPage;
  listing.link_pattern = "/series/article-[0-9]+";
  std::string html = "<html><body><ul>";
  const int kLinks = kMaxPageFetchesPerPoll + 5;
  for (int i = 0; i < kLinks; ++i) {
    std::string url = "https://example.org/series/article-" + std::to_string(i);
    html += "<li><a href=\"" + url + "\">Article number " + std::to_string(i) + "</a></li>";
    h.fetcher.Serve(url, Page("Article number " + std::to_string(i)), "text/html");
  }
  html += "</ul></body></html>";
  FetchResult r;
  r.http_status = 200;
  r.final_url = listing.url;
  r.body = html;
  r.etag = "\"listing-v1\"";
  r.headers = {{"Content-Type", "text/html"}};
  h.fetcher.Respond(listing.url, r);

  PollOutcome first = Poll(listing);
  EXPECT_EQ(first.new_items, kMaxPageFetchesPerPoll);
  SourceState s = State("Listing");
  EXPECT_EQ(s.last_status, "200 OK, 25 new, 5 more next poll");
  EXPECT_FALSE(s.etag) << "the next poll must get the page again, not a 304";
  EXPECT_LE(*s.next_due, h.now + kBacklogPollGap);

  PollOutcome second = Poll(listing);
  EXPECT_EQ(second.new_items, 5);
  EXPECT_EQ(Articles("Listing").size(), static_cast<size_t>(kLinks));
  for (int i = 0; i < kLinks; ++i) {
    EXPECT_EQ(h.fetcher.CountRequests("https://example.org/series/article-" + std::to_string(i)), 1)
        << i;
  }
  s = State("Listing");
  EXPECT_EQ(s.etag.value_or(""), "\"listing-v1\"");
  EXPECT_TRUE(s.first_poll_done);
}

TEST_F(SourcePollTest, AbandonsWithoutTouchingStateWhenTheServiceStops) {
  h.fetcher.Serve(feed.url, Rss({Item("One", "https://example.org/1", kRecent)}));
  stopping = true;
  PollOutcome o = Poll(feed);
  EXPECT_TRUE(o.abandoned);
  auto stored = h.RunOnWriter([&] { return h.store->GetSource("Feed"); });
  ASSERT_TRUE(stored.ok());
  EXPECT_FALSE(stored.value()) << "no state written";
}

}  // namespace
}  // namespace gpalert

namespace gpalert {
namespace {

TEST_F(SourcePollTest, ASourceOnTheAdminsOwnNetworkIsRetriedWithPrivateAddressesAllowed) {
  feed.url = "http://127.0.0.1:9/feed.xml";
  h.fetcher.Serve(feed.url, Rss({Item("Local", "http://127.0.0.1:9/1", kRecent)}));
  h.fetcher.RequirePrivateNetwork(feed.url);
  PollOutcome o = Poll(feed);
  EXPECT_TRUE(o.ok);
  EXPECT_TRUE(o.internal) << "the service remembers it for later polls";
  EXPECT_EQ(o.new_items, 1);
  EXPECT_TRUE(h.fetcher.requests().back().allow_private_network);
}

TEST_F(SourcePollTest, ARefusedAddressOfAPublicSourceStaysAFailure) {
  feed.url = "http://192.0.2.1/feed.xml";  // TEST-NET-1: public as far as the check goes
  h.fetcher.RequirePrivateNetwork(feed.url);
  PollOutcome o = Poll(feed);
  EXPECT_FALSE(o.ok);
  EXPECT_FALSE(o.internal);
  EXPECT_EQ(State("Feed").last_error.value_or(""), "connection to a loopback address refused");
  EXPECT_EQ(h.fetcher.requests().size(), 1u);
}

}  // namespace
}  // namespace gpalert
