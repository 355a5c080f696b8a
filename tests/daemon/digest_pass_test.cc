#include "daemon/digest_pass.h"

#include <gtest/gtest.h>

#include <map>

#include "store/sql_store.h"
#include "tests/support/scoped_temp_dir.h"

namespace gpalert {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

// 2027-01-15T08:00:00Z
const Instant kNow = Instant(std::chrono::seconds(1'800'000'000));

class DigestPassTest : public ::testing::Test {
 protected:
  DigestPassTest() {
    store = std::move(SqlStore::Open(dir.File("gpalert.db")).value());
    config.mail.from = "GP Alerts <alerts@example.org>";
    SourceConfig s;
    s.name = "Feed";
    s.url = "https://example.org/feed.xml";
    config.sources = {s};
  }

  Subscriber& Add(std::string email) {
    Subscriber s;
    s.email = std::move(email);
    config.subscribers.push_back(s);
    return config.subscribers.back();
  }

  void Record(const std::string& title, Instant when) {
    NewArticle a;
    a.source = "Feed";
    a.url = "https://example.org/" + std::to_string(++n);
    a.canonical_url = a.url;
    a.title = title;
    ASSERT_TRUE(store->RecordArticle(a, when).ok());
  }

  // The recipients of the queued digests, in commit order.
  std::vector<std::string> Outbox() {
    std::vector<std::string> out;
    auto rows = store->ListOutbox(std::nullopt);
    for (const OutboxMessage& m : rows.value()) out.push_back(m.subscriber);
    return out;
  }

  int Pass(Instant now) {
    for (const Subscriber& s : config.subscribers)
      EXPECT_TRUE(store->EnsureSubscriber(s.email, kNow - hours(48)).ok());
    auto r = RunDigestPass(config, store.get(), &Logger::Null(), now);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r.value() : -1;
  }

  testing::ScopedTempDir dir;
  std::unique_ptr<SqlStore> store;
  Config config;
  int n = 0;
};

TEST_F(DigestPassTest, ArticlesThatDoNotMatchNeverBlockLaterOnesAndAreNeverAlerted) {
  Add("kw@example.org").keywords = {"Russia"};
  Record("Budget talks", kNow);
  Record("Russia and Pakistan", kNow);
  EXPECT_EQ(Pass(kNow), 1);
  Record("Another budget piece", kNow + minutes(1));
  EXPECT_EQ(Pass(kNow + minutes(2)), 0);
  EXPECT_TRUE(store->PendingArticles("kw@example.org").value().empty())
      << "articles the filters refuse are settled, not filtered again on every pass";
  Record("Russia again", kNow + minutes(3));
  EXPECT_EQ(Pass(kNow + minutes(4)), 1);
  auto rows = store->ListOutbox(std::nullopt).value();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_NE(rows[1].bytes.find("Russia again"), std::string::npos);
  EXPECT_EQ(rows[1].bytes.find("budget"), std::string::npos);
}

TEST_F(DigestPassTest, EachSubscriberGetsTheContentTheyAskedForFromTheStoredBody) {
  Add("summary@example.org");
  Add("lead@example.org").content = DigestContentMode::kLead;
  Add("full@example.org").content = DigestContentMode::kFull;
  NewArticle a;
  a.source = "Feed";
  a.url = a.canonical_url = "https://example.org/with-body";
  a.title = "An article with its page";
  a.summary = "SUMMARYWORD";
  a.body = ArticleBody{"LEADWORD", "TEXTWORD one.\n\nTEXTWORD two.", "<p>HTMLWORD</p>"};
  ASSERT_TRUE(store->RecordArticle(a, kNow).ok());
  EXPECT_EQ(Pass(kNow), 3);
  std::map<std::string, std::string> bytes;
  auto rows = store->ListOutbox(std::nullopt);
  ASSERT_TRUE(rows.ok());
  for (const OutboxMessage& m : rows.value()) bytes[m.subscriber] = m.bytes;
  auto has = [&](const char* who, const char* word) {
    return bytes[who].find(word) != std::string::npos;
  };
  EXPECT_TRUE(has("summary@example.org", "SUMMARYWORD"));
  EXPECT_FALSE(has("summary@example.org", "LEADWORD"));
  EXPECT_FALSE(has("summary@example.org", "HTMLWORD"));
  EXPECT_TRUE(has("lead@example.org", "LEADWORD"));
  EXPECT_FALSE(has("lead@example.org", "TEXTWORD"));
  EXPECT_TRUE(has("full@example.org", "HTMLWORD"));
  EXPECT_TRUE(has("full@example.org", "TEXTWORD two."));
  EXPECT_FALSE(has("full@example.org", "SUMMARYWORD"));
}

TEST_F(DigestPassTest, SuppressedSubscribersGetNothing) {
  Add("gone@example.org");
  Add("here@example.org");
  ASSERT_TRUE(store->AddSuppression("gone@example.org", "unsubscribed", kNow).ok());
  Record("News", kNow);
  EXPECT_EQ(Pass(kNow), 1);
  EXPECT_EQ(Outbox(), std::vector<std::string>{"here@example.org"});
}

TEST_F(DigestPassTest, AnEmptyDailySlotIsUsedUpSoLaterArticlesWaitForTheNextOne) {
  Subscriber& daily = Add("daily@example.org");
  daily.digest = DigestSchedule::kDaily;
  daily.at_minutes = 7 * 60;  // 07:00 UTC; kNow is 08:00
  EXPECT_EQ(Pass(kNow), 0);   // today's slot, nothing pending: consumed
  Record("Late news", kNow + hours(1));
  EXPECT_EQ(Pass(kNow + hours(2)), 0) << "not before tomorrow's 07:00";
  EXPECT_EQ(Pass(kNow + hours(23)), 1);
}

TEST_F(DigestPassTest, DraftDigestCommitsNothing) {
  Add("r@example.org");
  Record("News", kNow);
  ASSERT_TRUE(store->EnsureSubscriber("r@example.org", kNow - hours(48)).ok());
  auto draft = DraftDigest(config, config.subscribers[0], store.get(), kNow, true);
  ASSERT_TRUE(draft.ok() && draft->size() == 1);
  EXPECT_EQ((*draft)[0].article_ids.size(), 1u);
  EXPECT_NE((*draft)[0].message.bytes.find("News"), std::string::npos);
  EXPECT_TRUE(Outbox().empty());
  EXPECT_EQ(store->PendingArticles("r@example.org").value().size(), 1u);
}

TEST_F(DigestPassTest, DraftDigestOfAnUnknownAddressIsEmpty) {
  Add("new@example.org");
  auto draft = DraftDigest(config, config.subscribers[0], store.get(), kNow, true);
  ASSERT_TRUE(draft.ok());
  EXPECT_TRUE(draft->empty());
}

// Issue 9: a 100,000-item feed made one 40 MB digest that the server refused (552)
// while its deliveries stayed recorded. Digests are cut into numbered parts.
TEST_F(DigestPassTest, ManyArticlesGoOutAsNumberedPartsOfAtMostTheCap) {
  Add("r@example.org");
  config.mail.digest_max_articles = 200;
  for (int i = 0; i < 450; ++i) Record("Item " + std::to_string(i), kNow - minutes(450 - i));
  EXPECT_EQ(Pass(kNow), 3);
  auto rows = store->ListOutbox(std::nullopt).value();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_NE(rows[0].bytes.find("(part 1 of 3)"), std::string::npos);
  EXPECT_NE(rows[0].bytes.find("Item 0\r\n"), std::string::npos);
  EXPECT_NE(rows[0].bytes.find("Item 199"), std::string::npos);
  EXPECT_EQ(rows[0].bytes.find("Item 200"), std::string::npos);
  EXPECT_NE(rows[2].bytes.find("(part 3 of 3)"), std::string::npos);
  EXPECT_NE(rows[2].bytes.find("Item 449"), std::string::npos);
  EXPECT_TRUE(store->PendingArticles("r@example.org").value().empty());
  EXPECT_EQ(Pass(kNow + minutes(1)), 0);  // every article delivered once
}

TEST_F(DigestPassTest, APartOverTheByteCapIsSplitUntilItFits) {
  Add("r@example.org");
  config.mail.digest_max_bytes = 16 * 1024;
  for (int i = 0; i < 64; ++i)
    Record("A long title " + std::string(200, 'x'), kNow - minutes(64 - i));
  int parts = Pass(kNow);
  EXPECT_GT(parts, 1);
  auto rows = store->ListOutbox(std::nullopt).value();
  ASSERT_EQ(rows.size(), static_cast<std::size_t>(parts));
  for (const OutboxMessage& m : rows) EXPECT_LE(m.bytes.size(), 16u * 1024u) << m.message_id;
  EXPECT_TRUE(store->PendingArticles("r@example.org").value().empty());
}

}  // namespace
}  // namespace gpalert
