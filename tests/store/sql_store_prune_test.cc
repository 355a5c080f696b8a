// Store::Prune and CountPrunable on a real SQLite file: the outbox's bodies and rows,
// articles no pending digest needs, the hard cap, the dedup keys pruned articles leave
// behind, batches and the time budget.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <memory>
#include <string>

#include "store/migrations.h"
#include "store/sql_connection.h"
#include "store/sql_statement.h"
#include "store/sql_store.h"
#include "tests/store/store_test_items.h"
#include "tests/store/store_under_test.h"
#include "tests/support/prose.h"
#include "tests/support/scoped_temp_dir.h"

namespace gpalert {
namespace {

using std::chrono::hours;
using store_test::Item;
using store_test::kT0;

constexpr std::chrono::seconds Days(int n) { return std::chrono::seconds(n * 86400); }

const std::string kReader = "reader@example.org";

class SqlStorePruneTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("state.db");
    auto opened = OpenStoreUnderTest(path_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_->EnsureSubscriber(kReader, kT0 - hours(1)).ok());
    policy_.subscribers = {kReader};
  }

  std::int64_t Record(const NewArticle& a, Instant now) {
    auto r = store_->RecordArticle(a, now);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->article_id : 0;
  }
  bool IsNew(const NewArticle& a, Instant now) {
    auto r = store_->RecordArticle(a, now);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() && r->is_new;
  }
  // An article recorded at `when` that is never old enough to go: the newest row stays.
  void RecordNewest(Instant when) { Record(Item("Z", "https://z.example/newest"), when); }

  PruneCounts Prune(Instant now) {
    auto c = store_->Prune(policy_, now);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? *c : PruneCounts{};
  }
  bool Exists(std::int64_t article_id) {
    auto a = store_->GetArticle(article_id);
    EXPECT_TRUE(a.ok());
    return a.ok() && a->has_value();
  }
  // A digest of `articles` for kReader committed at `when`.
  std::int64_t Digest(const std::vector<std::int64_t>& articles, Instant when,
                      const std::string& message_id) {
    OutboxMessage m;
    m.subscriber = kReader;
    m.message_id = message_id;
    m.bytes = "From: a@example.org\r\nTo: " + kReader + "\r\nSubject: GP Alert\r\n\r\n" +
              std::string(20000, 'x') + "\r\n";
    auto id = store_->CommitDigest(kReader, articles, m, when);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }
  std::int64_t Count(const std::string& sql) {
    auto db = OpenConnectionUnderTest(path_, false);
    EXPECT_TRUE(db.ok());
    auto q = (*db)->Prepare(sql);
    EXPECT_TRUE(q.ok()) << q.status().ToString();
    auto row = q->Step();
    EXPECT_TRUE(row.ok() && *row);
    return q->ColumnInt(0);
  }

  testing::ScopedTempDir dir_;
  std::string path_;
  std::unique_ptr<SqlStore> store_;
  RetentionPolicy policy_;  // 30 d, 180 d, 365 d
};

TEST_F(SqlStorePruneTest, SentMessagesLoseTheirBodyAfterOutboxAndTheirRowAfterTwiceThat) {
  std::int64_t a = Record(Item("A", "https://a.example/1"), kT0);
  std::int64_t id = Digest({a}, kT0, "<m1@example.org>");
  ASSERT_TRUE(store_->MarkSent(id, kT0 + hours(1)).ok());

  EXPECT_FALSE(Prune(kT0 + Days(29)).Any());
  PruneCounts at31 = Prune(kT0 + Days(31));
  EXPECT_EQ(at31.outbox_emptied, 1);
  EXPECT_EQ(at31.outbox_deleted, 0);
  auto row = store_->GetOutbox(id);
  ASSERT_TRUE(row.ok() && row->has_value());
  EXPECT_EQ((*row)->bytes, "From: a@example.org\r\nTo: " + kReader + "\r\nSubject: GP Alert\r\n");
  EXPECT_EQ((*row)->message_id, "<m1@example.org>");
  EXPECT_EQ((*row)->subscriber, kReader);
  EXPECT_EQ((*row)->sent, kT0 + hours(1));
  EXPECT_EQ((*row)->body_pruned, kT0 + Days(31));
  EXPECT_EQ(Prune(kT0 + Days(32)).outbox_emptied, 0) << "a body goes once";

  PruneCounts at61 = Prune(kT0 + Days(61));
  EXPECT_EQ(at61.outbox_deleted, 1);
  row = store_->GetOutbox(id);
  ASSERT_TRUE(row.ok());
  EXPECT_FALSE(row->has_value());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM deliveries WHERE outbox_id IS NULL"), 1)
      << "the article stays delivered";
}

TEST_F(SqlStorePruneTest, ParkedMessagesKeepTheirBytesUntilTwiceOutboxAfterTheyWereQueued) {
  std::int64_t a = Record(Item("A", "https://a.example/1"), kT0);
  std::int64_t id = Digest({a}, kT0, "<m1@example.org>");
  ASSERT_TRUE(store_->MarkParked(id, "550 no such user").ok());
  std::int64_t pending = Digest({Record(Item("A", "https://a.example/2"), kT0)}, kT0, "<m2@x>");

  EXPECT_FALSE(Prune(kT0 + Days(59)).Any());
  auto row = store_->GetOutbox(id);
  ASSERT_TRUE(row.ok() && row->has_value());
  EXPECT_GT((*row)->bytes.size(), 20000u);
  EXPECT_FALSE((*row)->body_pruned.has_value());

  EXPECT_EQ(Prune(kT0 + Days(61)).outbox_deleted, 1);
  row = store_->GetOutbox(id);
  ASSERT_TRUE(row.ok());
  EXPECT_FALSE(row->has_value());
  row = store_->GetOutbox(pending);
  ASSERT_TRUE(row.ok() && row->has_value()) << "a pending message is never pruned";
  EXPECT_GT((*row)->bytes.size(), 20000u);
}

TEST_F(SqlStorePruneTest, ArticlesPastRetentionGoOnlyWhenNoPendingDigestNeedsThem) {
  std::int64_t delivered = Record(Item("A", "https://a.example/1"), kT0);
  std::int64_t skipped = Record(Item("A", "https://a.example/2"), kT0);
  std::int64_t pending = Record(Item("A", "https://a.example/3"), kT0);
  NewArticle backfill = Item("A", "https://a.example/4");
  backfill.alertable = false;
  std::int64_t never_alerted = Record(backfill, kT0);
  std::int64_t recent = Record(Item("A", "https://a.example/5"), kT0 + Days(100));
  Digest({delivered}, kT0, "<m1@x>");
  ASSERT_TRUE(store_->SkipArticles(kReader, {skipped}, kT0).ok());

  EXPECT_EQ(Prune(kT0 + Days(179)).articles, 0);
  PruneCounts c = Prune(kT0 + Days(181));
  EXPECT_EQ(c.articles, 3);
  EXPECT_EQ(c.articles_held, 1);
  EXPECT_EQ(c.articles_forced, 0);
  EXPECT_FALSE(Exists(delivered));
  EXPECT_FALSE(Exists(skipped));
  EXPECT_FALSE(Exists(never_alerted));
  EXPECT_TRUE(Exists(pending));
  EXPECT_TRUE(Exists(recent));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM deliveries"), 0) << "deliveries cascade";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM article_sources"), 2);
  auto still = store_->PendingArticles(kReader);
  ASSERT_TRUE(still.ok());
  ASSERT_EQ(still->size(), 2u);
  EXPECT_EQ(still->front().id, pending);
}

TEST_F(SqlStorePruneTest, AnArticlesStoredBodyGoesWithIt) {
  NewArticle with_body = Item("A", "https://a.example/1");
  with_body.body = ArticleBody{"Lead.", "Text.", "<p>Text.</p>"};
  std::int64_t old_one = Record(with_body, kT0);
  with_body.canonical_url = "https://a.example/2";
  std::int64_t recent = Record(with_body, kT0 + Days(100));
  Digest({old_one}, kT0, "<m1@x>");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM article_bodies"), 2);
  EXPECT_EQ(Prune(kT0 + Days(181)).articles, 1);
  EXPECT_FALSE(Exists(old_one));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM article_bodies"), 1);
  auto bodies = store_->ArticleBodies({old_one, recent}, 1000);
  ASSERT_TRUE(bodies.ok());
  ASSERT_EQ(bodies->size(), 1u);
  EXPECT_EQ(bodies->begin()->first, recent);
}

TEST_F(SqlStorePruneTest, APendingArticleGoesAtTheHardCapOfTwiceArticles) {
  std::int64_t pending = Record(Item("A", "https://a.example/1"), kT0);
  RecordNewest(kT0 + Days(300));
  EXPECT_EQ(Prune(kT0 + Days(359)).articles_held, 1);
  EXPECT_TRUE(Exists(pending));
  PruneCounts c = Prune(kT0 + Days(361));
  EXPECT_EQ(c.articles, 1);
  EXPECT_EQ(c.articles_forced, 1);
  EXPECT_FALSE(Exists(pending));
}

TEST_F(SqlStorePruneTest, OnlyConfiguredUnsuppressedSubscribersHoldArticlesBack) {
  ASSERT_TRUE(store_->EnsureSubscriber("gone@example.org", kT0 - hours(1)).ok());
  ASSERT_TRUE(store_->EnsureSubscriber("quiet@example.org", kT0 - hours(1)).ok());
  ASSERT_TRUE(store_->AddSuppression("QUIET@example.org", "unsubscribed", kT0).ok());
  std::int64_t a = Record(Item("A", "https://a.example/1"), kT0);
  Digest({a}, kT0, "<m1@x>");  // kReader has it; the other two never will
  RecordNewest(kT0 + Days(100));
  policy_.subscribers = {kReader, "quiet@example.org"};  // gone@ left the config
  PruneCounts c = Prune(kT0 + Days(181));
  EXPECT_EQ(c.articles, 1);
  EXPECT_EQ(c.articles_held, 0);
}

TEST_F(SqlStorePruneTest, AnArticleOlderThanTheSubscriberIsNotPendingForThem) {
  std::int64_t before = Record(Item("A", "https://a.example/1"), kT0 - Days(2));
  RecordNewest(kT0 + Days(100));
  EXPECT_EQ(Prune(kT0 + Days(181)).articles, 1);
  EXPECT_FALSE(Exists(before));
}

TEST_F(SqlStorePruneTest, NeverDeletesTheNewestArticleSoItsIdIsNotHandedOutAgain) {
  std::int64_t only = Record(Item("A", "https://a.example/1"), kT0);
  Digest({only}, kT0, "<m1@x>");
  EXPECT_EQ(Prune(kT0 + Days(400)).articles, 0);
  EXPECT_TRUE(Exists(only));
  std::int64_t next = Record(Item("A", "https://a.example/2"), kT0 + Days(400));
  EXPECT_GT(next, only);
}

TEST_F(SqlStorePruneTest, AnItemReListedAfterItsArticleWasPrunedIsNotNew) {
  std::int64_t a = Record(Item("A", "https://a.example/1", "guid-1"), kT0);
  ASSERT_FALSE(IsNew(Item("B", "https://a.example/1", "b-guid"), kT0));  // linked to B too
  Digest({a}, kT0, "<m1@x>");
  RecordNewest(kT0 + Days(100));
  ASSERT_EQ(Prune(kT0 + Days(181)).articles, 1);
  ASSERT_FALSE(Exists(a));

  // By GUID (the feed changed the link), by URL (another source), by B's own GUID.
  EXPECT_FALSE(IsNew(Item("A", "https://a.example/1-moved", "guid-1"), kT0 + Days(182)));
  EXPECT_FALSE(IsNew(Item("C", "https://a.example/1", "c-guid"), kT0 + Days(182)));
  EXPECT_FALSE(IsNew(Item("B", "https://b.example/elsewhere", "b-guid"), kT0 + Days(182)));
  EXPECT_FALSE(IsNew(Item("C", "https://c.example/moved", "c-guid"), kT0 + Days(182)))
      << "C's GUID joined the keys when C listed the pruned URL";
  auto pending = store_->PendingArticles(kReader);
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(pending->size(), 1u) << "only the newest article";
  auto urls = store_->KnownDuplicateUrls({"https://a.example/1", "https://z.example/newest"});
  ASSERT_TRUE(urls.ok());
  EXPECT_EQ(*urls, std::set<std::string>{"https://a.example/1"});
}

TEST_F(SqlStorePruneTest, AnItemIsNewAgainOnceDedupHasPassedSinceItWasLastSeen) {
  std::int64_t a = Record(Item("A", "https://a.example/1", "guid-1"), kT0);
  Digest({a}, kT0, "<m1@x>");
  RecordNewest(kT0 + Days(300));
  ASSERT_EQ(Prune(kT0 + Days(181)).articles, 1);
  PruneCounts expired = Prune(kT0 + Days(366));
  EXPECT_EQ(expired.dedup_keys, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM pruned_guids"), 0) << "its GUIDs go with it";
  EXPECT_TRUE(IsNew(Item("A", "https://a.example/1", "guid-1"), kT0 + Days(367)));
}

TEST_F(SqlStorePruneTest, ASourceListingThePrunedItemAgainKeepsItsKeys) {
  std::int64_t a = Record(Item("A", "https://a.example/1", "guid-1"), kT0);
  Digest({a}, kT0, "<m1@x>");
  RecordNewest(kT0 + Days(300));
  ASSERT_EQ(Prune(kT0 + Days(181)).articles, 1);
  EXPECT_FALSE(IsNew(Item("A", "https://a.example/1", "guid-1"), kT0 + Days(300)));
  EXPECT_EQ(Prune(kT0 + Days(366)).dedup_keys, 0);
  EXPECT_FALSE(IsNew(Item("A", "https://a.example/1", "guid-1"), kT0 + Days(400)));
  EXPECT_EQ(Prune(kT0 + Days(300 + 364)).dedup_keys, 0) << "last seen at day 400";
  EXPECT_EQ(Prune(kT0 + Days(400 + 366)).dedup_keys, 1);
}

TEST_F(SqlStorePruneTest, KeepsNoKeysWhenDedupEndsWithTheArticle) {
  policy_.dedup = policy_.articles;
  std::int64_t a = Record(Item("A", "https://a.example/1", "guid-1"), kT0);
  Digest({a}, kT0, "<m1@x>");
  RecordNewest(kT0 + Days(100));
  ASSERT_EQ(Prune(kT0 + Days(181)).articles, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM pruned_articles"), 0);
  EXPECT_TRUE(IsNew(Item("A", "https://a.example/1", "guid-1"), kT0 + Days(182)));
}

TEST_F(SqlStorePruneTest, WorksInBatchesOfBatchRows) {
  policy_.batch_rows = 4;  // 2 articles (each 1 + 1 row) a batch; 1 message (with its deliveries)
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(
        Record(Item("A", "https://a.example/" + std::to_string(i), "g" + std::to_string(i)),
               kT0 + hours(i)));
  }
  ASSERT_TRUE(store_->SkipArticles(kReader, ids, kT0 + Days(1)).ok());
  for (int i = 0; i < 3; ++i) {
    auto id = Digest({}, kT0, "<m" + std::to_string(i) + "@x>");
    ASSERT_TRUE(store_->MarkSent(id, kT0).ok());
  }
  RecordNewest(kT0 + Days(100));
  PruneCounts c = Prune(kT0 + Days(181));
  EXPECT_EQ(c.articles, 5);
  EXPECT_EQ(c.outbox_deleted, 3);
  EXPECT_EQ(c.batches, 3 + 3) << "articles 2 + 2 + 1, outbox rows 1 + 1 + 1";
  EXPECT_TRUE(c.complete);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM pruned_articles"), 5);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM pruned_guids"), 5);
}

TEST_F(SqlStorePruneTest, StopsAtItsTimeBudgetAndTheNextCallGoesOn) {
  policy_.batch_rows = 1;
  policy_.time_budget = std::chrono::milliseconds(1);
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 300; ++i) {
    ids.push_back(Record(Item("A", "https://a.example/" + std::to_string(i)), kT0));
  }
  ASSERT_TRUE(store_->SkipArticles(kReader, ids, kT0).ok());
  RecordNewest(kT0 + Days(100));
  PruneCounts first = Prune(kT0 + Days(181));
  EXPECT_FALSE(first.complete);
  EXPECT_GE(first.articles, 1);
  std::int64_t total = first.articles;
  for (int calls = 0; calls < 1000 && total < 300; ++calls)
    total += Prune(kT0 + Days(181)).articles;
  EXPECT_EQ(total, 300);
  EXPECT_TRUE(Prune(kT0 + Days(181)).complete);
}

TEST_F(SqlStorePruneTest, ADryRunCountsWhatPruneThenRemovesAndChangesNothing) {
  std::int64_t old_sent = Digest({Record(Item("A", "https://a.example/1"), kT0)}, kT0, "<m1@x>");
  ASSERT_TRUE(store_->MarkSent(old_sent, kT0).ok());
  std::int64_t sent = Digest({Record(Item("A", "https://a.example/2"), kT0 + Days(150))},
                             kT0 + Days(150), "<m2@x>");
  ASSERT_TRUE(store_->MarkSent(sent, kT0 + Days(150)).ok());
  Record(Item("A", "https://a.example/3"), kT0);  // pending: held
  Record(Item("A", "https://a.example/4", "g4"), kT0 - Days(400));
  RecordNewest(kT0 + Days(170));
  ASSERT_EQ(Prune(kT0 - Days(400) + Days(181)).articles, 1);  // leaves keys dated kT0 - 400 d

  auto dry = store_->CountPrunable(policy_, kT0 + Days(181));
  ASSERT_TRUE(dry.ok()) << dry.status().ToString();
  EXPECT_TRUE(dry->dry_run);
  EXPECT_EQ(dry->outbox_deleted, 1);
  EXPECT_EQ(dry->outbox_emptied, 1);
  EXPECT_EQ(dry->articles, 1);
  EXPECT_EQ(dry->articles_held, 1);
  EXPECT_EQ(dry->dedup_keys, 1);
  EXPECT_EQ(dry->batches, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM articles"), 4);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE body_pruned_at IS NULL"), 2);

  PruneCounts done = Prune(kT0 + Days(181));
  EXPECT_FALSE(done.dry_run);
  EXPECT_EQ(done.outbox_deleted, dry->outbox_deleted);
  EXPECT_EQ(done.outbox_emptied, dry->outbox_emptied);
  EXPECT_EQ(done.articles, dry->articles);
  EXPECT_EQ(done.articles_held, dry->articles_held);
  EXPECT_EQ(done.dedup_keys, dry->dedup_keys);
  EXPECT_FALSE(store_->CountPrunable(policy_, kT0 + Days(181))->Any());
}

TEST(SqlStoreRetentionMigrationTest, UpgradesAVersion2FileKeepingItsOutbox) {
  testing::ScopedTempDir dir;
  std::string path = dir.File("old.db");
  {
    auto db = OpenConnectionUnderTest(path, true);
    ASSERT_TRUE(db.ok());
    std::vector<Migration> v2(Migrations().begin(), Migrations().begin() + 2);
    ASSERT_TRUE(ApplyMigrations(db->get(), v2, kT0).ok());
    ASSERT_TRUE((*db)
                    ->Exec("INSERT INTO outbox (message_id, subscriber, bytes, state, created, "
                           "sent_at) VALUES ('<m@x>', 'r@x.org', 'A', 'sent', 1, 2)")
                    .ok());
  }
  auto store = OpenStoreUnderTest(path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto rows = (*store)->ListOutbox(std::nullopt);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().bytes, "A");
  EXPECT_FALSE(rows->front().body_pruned.has_value());
  RetentionPolicy policy;
  EXPECT_EQ((*store)->Prune(policy, kT0)->outbox_deleted, 1);
}

TEST(DescribePruneCountsTest, SaysWhatWentOrWouldGo) {
  PruneCounts c;
  EXPECT_EQ(DescribePruneCounts(c), "nothing to prune");
  c.outbox_emptied = 3;
  c.articles = 120;
  c.articles_forced = 5;
  c.dedup_keys = 40;
  c.articles_held = 12;
  EXPECT_EQ(DescribePruneCounts(c),
            "3 sent message(s) cut to their headers, 120 article(s) deleted (5 still pending, "
            "past the hard cap), 40 dedup key(s) expired; 12 article(s) kept for pending digests");
  c.dry_run = true;
  c.articles_forced = 0;
  c.complete = false;
  EXPECT_EQ(DescribePruneCounts(c),
            "3 sent message(s) to cut to their headers, 120 article(s) to delete, 40 dedup "
            "key(s) to expire; 12 article(s) kept for pending digests; more to do (time budget "
            "used up)");
}

}  // namespace
}  // namespace gpalert

namespace gpalert {
namespace {

TEST_F(SqlStorePruneTest, AMergedCopysUrlStaysAKeyAfterItsArticleIsPruned) {
  NewArticle original = Item("A", "https://a.example/1");
  original.text = testing::Prose(300, 11);
  std::int64_t a = Record(original, kT0);
  NewArticle copy = Item("B", "https://b.example/copy");
  copy.text = original.text + " first published elsewhere";
  ASSERT_FALSE(IsNew(copy, kT0));
  Digest({a}, kT0, "<m1@x>");
  RecordNewest(kT0 + Days(100));
  ASSERT_EQ(Prune(kT0 + Days(181)).articles, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM article_merges"), 0);
  EXPECT_FALSE(IsNew(Item("B", "https://b.example/copy"), kT0 + Days(182)));
  auto urls = store_->KnownDuplicateUrls({"https://b.example/copy"});
  ASSERT_TRUE(urls.ok());
  EXPECT_EQ(urls->size(), 1u);
  // A later article's pruning does not collide with the copy's key row.
  std::int64_t b = Record(Item("C", "https://c.example/2"), kT0 + Days(182));
  Digest({b}, kT0 + Days(182), "<m2@x>");
  Record(Item("Z", "https://z.example/newer"), kT0 + Days(600));
  auto later = store_->Prune(policy_, kT0 + Days(590));
  ASSERT_TRUE(later.ok()) << later.status().ToString();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM articles WHERE id = " + std::to_string(b)), 0);
}

}  // namespace
}  // namespace gpalert
