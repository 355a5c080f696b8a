#include "daemon/service.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "alerts/mail/outbox_worker.h"
#include "tests/daemon/fakes.h"

namespace gpalert {
namespace {

using std::chrono::hours;
using std::chrono::seconds;
using testing::FakeFetcher;
using testing::FakeMailer;

std::string Rss(const std::vector<std::pair<std::string, std::string>>& items) {
  std::string out =
      "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>"
      "<link>https://example.org/</link><description>d</description>";
  for (const auto& [title, link] : items) {
    out += "<item><title>" + title + "</title><link>" + link + "</link><description>About " +
           title + "</description></item>";
  }
  return out + "</channel></rss>";
}

// A service on a fake fetcher and mailer, a real store in a temp dir; the test thread
// (or a helper thread) runs the io_context.
class ServiceTest : public ::testing::Test {
 protected:
  ServiceTest() : fetcher(&io) {
    store = std::move(SqlStore::Open(dir.File("gpalert.db")).value());
    outbox_store = std::move(SqlStore::Open(dir.File("gpalert.db")).value());
    worker = std::make_unique<OutboxWorker>(outbox_store.get(), &mailer, &Logger::Null());
    parts.io = &io;
    parts.fetcher = &fetcher;
    parts.store = store.get();
    parts.outbox = worker.get();
    parts.outbox_store = outbox_store.get();
    parts.logger = &Logger::Null();
    config.path = dir.File("gpalert.toml");
    config.daemon.state_dir = dir.path();
    config.daemon.poll_interval = seconds(3600);
    config.mail.maildir = dir.File("maildir");
    config.sources = {Source("A", "https://a.example/feed.xml"),
                      Source("B", "https://b.example/feed.xml")};
    Subscriber all;
    all.email = "all@example.org";
    config.subscribers = {all};
  }

  static SourceConfig Source(std::string name, std::string url) {
    SourceConfig s;
    s.name = std::move(name);
    s.url = std::move(url);
    return s;
  }

  // Runs a once-mode service to its end on this thread.
  std::pair<Status, RunStats> RunOnce() {
    std::pair<Status, RunStats> out;
    {
      Service service(config, parts);
      service.Start(ServiceMode::kOnce, [&](const Status& s, const RunStats& r) { out = {s, r}; });
      io.run();
    }
    io.restart();
    return out;
  }

  testing::ScopedTempDir dir;
  boost::asio::io_context io;
  FakeFetcher fetcher;
  FakeMailer mailer;
  std::unique_ptr<SqlStore> store, outbox_store;
  std::unique_ptr<OutboxWorker> worker;
  ServiceContext parts;
  Config config;
};

TEST_F(ServiceTest, OnceModePollsEverySourceAndMailsOneDigestListingACrossPostOnce) {
  fetcher.Serve("https://a.example/feed.xml",
                Rss({{"Only in A", "https://a.example/1"}, {"Shared", "https://news.example/s"}}));
  fetcher.Serve("https://b.example/feed.xml",
                Rss({{"Shared", "https://news.example/s?utm_source=b"},
                     {"Only in B", "https://b.example/2"}}));
  auto [status, stats] = RunOnce();
  EXPECT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(stats.polls, 2);
  EXPECT_EQ(stats.new_articles, 3);
  EXPECT_EQ(stats.digests, 1);
  EXPECT_EQ(stats.sent, 1);
  auto sent = mailer.sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].subscriber, "all@example.org");
  EXPECT_NE(sent[0].bytes.find("Only in A"), std::string::npos);
  EXPECT_NE(sent[0].bytes.find("Only in B"), std::string::npos);
}

TEST_F(ServiceTest, ASecondOnceRunPollsAgainButMailsNothingNew) {
  fetcher.Serve("https://a.example/feed.xml", Rss({{"One", "https://a.example/1"}}));
  fetcher.Serve("https://b.example/feed.xml", Rss({}));
  RunOnce();
  auto [status, stats] = RunOnce();
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(fetcher.CountRequests("https://a.example/feed.xml"), 2) << "once ignores next_due";
  EXPECT_EQ(stats.digests, 0);
  EXPECT_EQ(mailer.sent().size(), 1u);
}

TEST_F(ServiceTest, AFailingSourceDoesNotStopTheOthers) {
  fetcher.Fail("https://a.example/feed.xml", FetchError::kConnect, 0, "connection refused");
  fetcher.Serve("https://b.example/feed.xml", Rss({{"From B", "https://b.example/1"}}));
  auto [status, stats] = RunOnce();
  EXPECT_TRUE(status.ok()) << "a source's failure is not a runtime failure";
  EXPECT_EQ(stats.failed_polls, 1);
  EXPECT_EQ(mailer.sent().size(), 1u);
  auto a = store->GetSource("A");
  ASSERT_TRUE(a.ok() && a.value());
  EXPECT_EQ(a.value()->last_error.value_or(""), "connection refused");
}

TEST_F(ServiceTest, AMailerFailureKeepsTheMessageForTheNextRun) {
  fetcher.Serve("https://a.example/feed.xml", Rss({{"One", "https://a.example/1"}}));
  fetcher.Serve("https://b.example/feed.xml", Rss({}));
  mailer.set_outcome(SendOutcome::RetryLater(451, "451 try later"));
  auto first = RunOnce();
  EXPECT_EQ(first.second.retrying, 1);
  mailer.set_outcome(SendOutcome::Sent(250, "250 OK"));
  auto second = RunOnce();
  EXPECT_EQ(second.second.sent, 1) << "once mode tries every pending message";
  auto sent = store->ListOutbox(OutboxState::kSent);
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(sent.value().size(), 1u);
}

TEST_F(ServiceTest, OnceModePrunesWhatRetentionNoLongerKeepsAfterItsDigestPass) {
  Instant now = Instant(seconds(1'800'000'000));
  parts.clock = [&] { return now; };
  config.retention.outbox = hours(24);
  config.retention.articles = hours(12);
  config.retention.dedup = hours(48);
  config.retention.subscribers = {"all@example.org"};
  fetcher.Serve("https://a.example/feed.xml",
                Rss({{"One", "https://a.example/1"}, {"Two", "https://a.example/2"}}));
  fetcher.Serve("https://b.example/feed.xml", Rss({}));
  ASSERT_EQ(RunOnce().second.sent, 1);

  now += hours(36);
  fetcher.Reopen();
  fetcher.Serve("https://b.example/feed.xml", Rss({{"Three", "https://b.example/3"}}));
  auto [status, stats] = RunOnce();
  EXPECT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(stats.sent, 1) << "Three, drafted before the prune";
  auto totals = store->Totals();
  ASSERT_TRUE(totals.ok());
  EXPECT_EQ(totals->articles, 1) << "One and Two went; Three is the newest";
  auto sent = store->ListOutbox(OutboxState::kSent);
  ASSERT_TRUE(sent.ok());
  ASSERT_EQ(sent->size(), 2u);
  EXPECT_EQ(sent->front().body_pruned, now) << "the first digest's body is dropped";
  EXPECT_FALSE(sent->back().body_pruned.has_value());

  now += hours(1);
  fetcher.Reopen();
  auto third = RunOnce();
  EXPECT_EQ(third.second.polls - third.second.failed_polls, 2);
  EXPECT_EQ(third.second.new_articles, 0) << "A still lists One and Two: their keys block them";
  EXPECT_EQ(third.second.digests, 0);
}

TEST_F(ServiceTest, OnceModeReadsTheInboxMaildirBeforeItsDigestPass) {
  std::string inbox = dir.File("inbox");
  for (const char* sub : {"new", "cur", "tmp"})
    std::filesystem::create_directories(inbox + "/" + sub);
  config.mail.inbox_maildir = inbox;
  config.mail.public_url = "https://alerts.example.org";
  config.mail.from = "GP Alerts <alerts@example.org>";
  config.mail.unsubscribe_secret = "0123456789abcdef";
  config.signup.enabled = true;
  std::ofstream(inbox + "/new/1.a") << "From: new@example.com\nSubject: subscribe\n\n";
  std::ofstream(inbox + "/new/2.b") << "From: all@example.org\nSubject: unsubscribe\n\n";
  fetcher.Serve("https://a.example/feed.xml", Rss({{"One", "https://a.example/1"}}));
  fetcher.Serve("https://b.example/feed.xml", Rss({}));
  auto [status, stats] = RunOnce();
  EXPECT_TRUE(status.ok()) << status.ToString();
  std::vector<OutboxMessage> sent = mailer.sent();
  ASSERT_EQ(sent.size(), 1u) << "the confirmation; no digest for the one who unsubscribed";
  EXPECT_EQ(sent[0].subscriber, "new@example.com");
  EXPECT_NE(sent[0].bytes.find("Confirm your subscription"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(inbox + "/cur/1.a:2,S"));
  EXPECT_TRUE(std::filesystem::exists(inbox + "/cur/2.b:2,S"));
}

TEST_F(ServiceTest, DaemonModeStopsOnRequestAndRunReturnsByItself) {
  fetcher.Serve("https://a.example/feed.xml", Rss({{"One", "https://a.example/1"}}));
  fetcher.Serve("https://b.example/feed.xml", Rss({}));
  std::promise<void> finished;
  Service service(config, parts);
  service.Start(ServiceMode::kDaemon,
                [&](const Status&, const RunStats&) { finished.set_value(); });
  std::thread network([&] { io.run(); });
  for (int i = 0; i < 500 && mailer.sent().empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(mailer.sent().size(), 1u);
  service.Stop();
  EXPECT_EQ(finished.get_future().wait_for(seconds(10)), std::future_status::ready);
  network.join();  // io_context::run() returned with nothing left to do
}

TEST_F(ServiceTest, ReloadPollsNewSourcesAndDropsRemovedOnes) {
  fetcher.Serve("https://a.example/feed.xml", Rss({}));
  fetcher.Serve("https://b.example/feed.xml", Rss({}));
  fetcher.Serve("https://c.example/feed.xml", Rss({{"From C", "https://c.example/1"}}));
  Service service(config, parts);
  service.Start(ServiceMode::kDaemon, [](const Status&, const RunStats&) {});
  std::thread network([&] { io.run(); });
  for (int i = 0; i < 500 && fetcher.CountRequests("https://b.example/feed.xml") == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  Config next = config;
  next.sources = {Source("C", "https://c.example/feed.xml")};
  service.Reload(next);
  for (int i = 0; i < 500 && mailer.sent().empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_EQ(mailer.sent().size(), 1u);
  EXPECT_NE(mailer.sent()[0].bytes.find("From C"), std::string::npos);
  service.Stop();
  network.join();
  EXPECT_EQ(fetcher.CountRequests("https://a.example/feed.xml"), 1);
}

}  // namespace
}  // namespace gpalert
