// SqlStore::Totals: the row counts /metrics shows, following articles, outbox states
// and suppressions as they change.
#include <gtest/gtest.h>

#include "store/sql_store.h"
#include "tests/store/store_under_test.h"
#include "tests/support/scoped_temp_dir.h"

namespace gpalert {
namespace {

const Instant kT0 = *ParseRfc3339Utc("2026-01-10T08:00:00Z");

NewArticle Article(const std::string& url) {
  NewArticle a;
  a.source = "S";
  a.url = a.canonical_url = url;
  a.title = "T";
  return a;
}

OutboxMessage Message(const std::string& id) {
  OutboxMessage m;
  m.subscriber = "r@example.org";
  m.message_id = id;
  m.bytes = "Subject: x\r\n\r\nbody\r\n";
  m.created = kT0;
  return m;
}

TEST(SqlStoreTotalsTest, CountsArticlesOutboxStatesAndSuppressions) {
  testing::ScopedTempDir dir;
  auto store = OpenStoreUnderTest(dir.File("gpalert.db"));
  ASSERT_TRUE(store.ok());
  SqlStore& s = *store.value();

  auto empty = s.Totals();
  ASSERT_TRUE(empty.ok()) << empty.status().message();
  EXPECT_EQ(empty->articles, 0);
  EXPECT_EQ(empty->outbox_pending + empty->outbox_sent + empty->outbox_parked + empty->suppressions,
            0);

  ASSERT_TRUE(s.EnsureSubscriber("r@example.org", kT0 - std::chrono::hours(1)).ok());
  std::vector<std::int64_t> ids;
  for (const char* url : {"http://x/1", "http://x/2", "http://x/3", "http://x/1"}) {
    auto r = s.RecordArticle(Article(url), kT0);
    ASSERT_TRUE(r.ok());
    if (r->is_new) ids.push_back(r->article_id);
  }
  auto first = s.CommitDigest("r@example.org", {ids[0]}, Message("<1@x>"), kT0);
  auto second = s.CommitDigest("r@example.org", {ids[1]}, Message("<2@x>"), kT0);
  auto third = s.CommitDigest("r@example.org", {ids[2]}, Message("<3@x>"), kT0);
  ASSERT_TRUE(first.ok() && second.ok() && third.ok());
  ASSERT_TRUE(s.MarkSent(first.value(), kT0).ok());
  ASSERT_TRUE(s.MarkParked(second.value(), "550 no such user").ok());
  ASSERT_TRUE(s.AddSuppression("a@example.org", "test", kT0).ok());
  ASSERT_TRUE(s.AddSuppression("A@Example.org", "again", kT0).ok());

  auto totals = s.Totals();
  ASSERT_TRUE(totals.ok()) << totals.status().message();
  EXPECT_EQ(totals->articles, 3);
  EXPECT_EQ(totals->outbox_pending, 1);
  EXPECT_EQ(totals->outbox_sent, 1);
  EXPECT_EQ(totals->outbox_parked, 1);
  EXPECT_EQ(totals->suppressions, 1);
}

}  // namespace
}  // namespace gpalert
