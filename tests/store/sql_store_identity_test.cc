// The store's side of article identity: evidence through its indexes, the verdict acted
// on (new article with fingerprint, link, merge record, alias URL).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <tuple>

#include "alerts/dedup/fingerprint.h"
#include "store/migrations.h"
#include "store/retention.h"
#include "store/sql_connection.h"
#include "store/sql_statement.h"
#include "store/sql_store.h"
#include "tests/store/store_test_items.h"
#include "tests/store/store_under_test.h"
#include "tests/support/prose.h"
#include "tests/support/scoped_temp_dir.h"

namespace gpalert {
namespace {

using store_test::Item;
using store_test::kT0;
using testing::Prose;

// The one number `sql` selects from the state at `path`, through a connection of its own.
std::int64_t NumberIn(const std::string& path, const std::string& sql) {
  auto db = OpenConnectionUnderTest(path, false);
  EXPECT_TRUE(db.ok());
  if (!db.ok()) return -1;
  auto q = (*db)->Prepare(sql);
  EXPECT_TRUE(q.ok() && *q->Step()) << sql;
  return q.ok() ? q->ColumnInt(0) : -1;
}

class SqlStoreIdentityTest : public ::testing::Test {
 protected:
  // Band rows flush after this many articles here (the default is tens of thousands).
  static constexpr std::size_t kFlushArticles = 500;

  void Open(const IdentityOptions& identity = {}, std::size_t flush_articles = kFlushArticles) {
    store_.reset();
    SqlStoreOptions options;
    options.identity = identity;
    options.band_flush_articles = flush_articles;
    auto opened = OpenStoreUnderTest(dir_.File("state.db"), options);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }
  void SetUp() override { Open(); }

  NewArticle Article(const std::string& source, const std::string& url, const std::string& text) {
    NewArticle a = Item(source, url);
    a.text = text;
    return a;
  }
  RecordOutcome Record(const NewArticle& a) {
    auto r = store_->RecordArticle(a, kT0);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : RecordOutcome{};
  }

  std::int64_t Count(const std::string& sql) { return NumberIn(dir_.File("state.db"), sql); }

  testing::ScopedTempDir dir_;
  std::unique_ptr<SqlStore> store_;
};

TEST_F(SqlStoreIdentityTest, ANearCopyUnderAnotherUrlIsTheSameArticleAndIsRecorded) {
  std::string body = Prose(400, 1);
  RecordOutcome first =
      Record(Article("Programme", "https://a.example/view_articles.php?n=1", body));
  ASSERT_TRUE(first.is_new);
  RecordOutcome copy = Record(Article(
      "Series", "https://a.example/view_cir_articles.php?n=1",
      body + " Note: The note was first published in the Pakistan Reader on 6 December 2021."));
  EXPECT_FALSE(copy.is_new);
  EXPECT_EQ(copy.article_id, first.article_id);
  EXPECT_EQ(copy.rule, MatchRule::kNearDuplicate);
  EXPECT_GT(copy.similarity, 0.8);

  auto article = store_->GetArticle(first.article_id);
  ASSERT_TRUE(article.ok() && article->has_value());
  EXPECT_EQ((*article)->sources, (std::vector<std::string>{"Programme", "Series"}));
  auto merges = store_->ListMerges(first.article_id, 10);
  ASSERT_TRUE(merges.ok());
  ASSERT_EQ(merges->size(), 1u);
  EXPECT_EQ(merges->at(0).source, "Series");
  EXPECT_EQ(merges->at(0).canonical_url, "https://a.example/view_cir_articles.php?n=1");
  EXPECT_EQ(merges->at(0).rule, MatchRule::kNearDuplicate);
  EXPECT_DOUBLE_EQ(merges->at(0).similarity, copy.similarity);

  // The copy's URL is a key now: known without its text, and matched by URL next time.
  auto known = store_->KnownDuplicateUrls(
      {"https://a.example/view_cir_articles.php?n=1", "https://a.example/other"});
  ASSERT_TRUE(known.ok());
  EXPECT_EQ(*known, std::set<std::string>{"https://a.example/view_cir_articles.php?n=1"});
  RecordOutcome again = Record(Item("Series", "https://a.example/view_cir_articles.php?n=1"));
  EXPECT_EQ(again.rule, MatchRule::kUrl);
  EXPECT_EQ(again.article_id, first.article_id);
  EXPECT_EQ(store_->ListMerges(0, 10)->size(), 1u);
}

TEST_F(SqlStoreIdentityTest, TheSameBodyIsMatchedByItsContentHash) {
  std::string body = Prose(200, 2);
  RecordOutcome first = Record(Article("A", "https://a.example/1", body));
  NewArticle retitled = Article("B", "https://b.example/x", "  " + body + "\n");
  retitled.title = "Another title altogether";
  RecordOutcome copy = Record(retitled);
  EXPECT_FALSE(copy.is_new);
  EXPECT_EQ(copy.rule, MatchRule::kContentHash);
  EXPECT_EQ(copy.article_id, first.article_id);
}

TEST_F(SqlStoreIdentityTest, DifferentArticlesAndShortTextsStaySeparate) {
  EXPECT_TRUE(Record(Article("A", "https://a.example/1", Prose(300, 3))).is_new);
  EXPECT_TRUE(Record(Article("A", "https://a.example/2", Prose(300, 4))).is_new);
  // A feed whose every item says the same few words: no fingerprint, no merge.
  std::string stock = "Read the full commentary on our website.";
  EXPECT_TRUE(Record(Article("F", "https://f.example/1", stock)).is_new);
  EXPECT_TRUE(Record(Article("F", "https://f.example/2", stock)).is_new);
  // A long stock summary under each entry of one feed: the titles keep them apart.
  std::string boilerplate = Prose(80, 9);
  NewArticle first = Article("G", "https://g.example/1", boilerplate);
  NewArticle second = Article("G", "https://g.example/2", boilerplate);
  ASSERT_NE(first.title, second.title);
  EXPECT_TRUE(Record(first).is_new);
  EXPECT_TRUE(Record(second).is_new);
  // The same text with the same title from another source is the same article.
  NewArticle elsewhere = Article("H", "https://h.example/x", boilerplate);
  EXPECT_EQ(Record(elsewhere).rule, MatchRule::kContentHash);
}

TEST_F(SqlStoreIdentityTest, ThresholdZeroKeepsOnlyTheExactKeys) {
  IdentityOptions off;
  off.threshold = 0;
  Open(off);
  std::string body = Prose(300, 5);
  std::int64_t id = Record(Article("A", "https://a.example/1", body)).article_id;
  EXPECT_TRUE(Record(Article("B", "https://b.example/1", body + " and an appended line")).is_new);
  RecordOutcome exact = Record(Article("C", "https://c.example/1", body));
  EXPECT_EQ(exact.rule, MatchRule::kContentHash);
  EXPECT_EQ(exact.article_id, id);
}

TEST_F(SqlStoreIdentityTest, ACopyInAnotherSourceUnsettlesTheSubscribersItWasSkippedFor) {
  // r follows only source B; the article first came from A (skipped for r), then B's
  // copy turns up in a later poll: r gets it. s, who already got it, does not again.
  ASSERT_TRUE(store_->EnsureSubscriber("r@example.org", kT0).ok());
  ASSERT_TRUE(store_->EnsureSubscriber("s@example.org", kT0).ok());
  std::string body = Prose(300, 9);
  std::int64_t id = Record(Article("A", "https://a.example/1", body)).article_id;
  ASSERT_TRUE(store_->SkipArticles("r@example.org", {id}, kT0).ok());
  OutboxMessage message;
  message.subscriber = "s@example.org";
  message.message_id = "<d@x>";
  message.bytes = "Subject: x\r\n\r\nx\r\n";
  ASSERT_TRUE(store_->CommitDigest("s@example.org", {id}, message, kT0).ok());
  auto pending = [&](const std::string& email) {
    auto p = store_->PendingArticles(email);
    EXPECT_TRUE(p.ok());
    return p.ok() ? p->size() : 99u;
  };
  ASSERT_EQ(pending("r@example.org"), 0u);
  RecordOutcome copy = Record(Article("B", "https://b.example/7", body + " First published in A."));
  EXPECT_EQ(copy.article_id, id);
  EXPECT_FALSE(copy.is_new);
  EXPECT_EQ(pending("r@example.org"), 1u);
  EXPECT_EQ(pending("s@example.org"), 0u);
  // Settled again for r (its filters still refuse it, say): a third look at B's copy
  // changes nothing, the source is linked already.
  ASSERT_TRUE(store_->SkipArticles("r@example.org", {id}, kT0).ok());
  Record(Article("B", "https://b.example/7", body + " First published in A."));
  EXPECT_EQ(pending("r@example.org"), 0u);
}

TEST_F(SqlStoreIdentityTest, ANewThresholdAppliesToTheItemsRecordedAfterIt) {
  // What a reload of [dedup] does: the open store takes the new threshold at once.
  Open(IdentityOptions{});
  std::string body = Prose(300, 6);
  Record(Article("A", "https://a.example/1", body));
  IdentityOptions off;
  off.threshold = 0;
  store_->SetIdentityOptions(off);
  EXPECT_TRUE(Record(Article("B", "https://b.example/1", body + " and an appended line")).is_new);
  store_->SetIdentityOptions(IdentityOptions{});
  EXPECT_EQ(Record(Article("C", "https://c.example/1", body + " and another line")).rule,
            MatchRule::kNearDuplicate);
}

TEST_F(SqlStoreIdentityTest, BandRowsWaitInMemoryAreFoundMeanwhileAndSurviveAReopen) {
  auto count = [&](const std::string& sql) { return Count(sql); };
  std::string body = Prose(300, 6);
  std::int64_t id = Record(Article("A", "https://a.example/1", body)).article_id;
  if (TestingPostgres()) {
    // Several daemons share the index: each transaction writes its own band rows.
    EXPECT_EQ(count("SELECT COUNT(*) FROM band_queue"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM fingerprint_bands"), 32);
    auto other = OpenStoreUnderTest(dir_.File("state.db"));
    ASSERT_TRUE(other.ok());
    auto found = (*other)->FindIdentity(Article("B", "https://b.example/1", body + " more"));
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->article.id, id) << "another daemon's connection finds it at once";
    return;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM band_queue"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM fingerprint_bands"), 0) << "written in batches";
  // As after a kill: a new connection finds the waiting fingerprint all the same.
  Open();
  RecordOutcome copy = Record(Article("B", "https://b.example/1", body + " one more line"));
  EXPECT_EQ(copy.rule, MatchRule::kNearDuplicate);
  EXPECT_EQ(copy.article_id, id);

  // Past band_flush_articles the next transaction writes them all, sorted.
  std::vector<NewArticle> batch;
  for (std::size_t i = 0; i < kFlushArticles; ++i)
    batch.push_back(Article("C", "https://c.example/" + std::to_string(i),
                            Prose(60, static_cast<unsigned>(100 + i))));
  for (const auto& r : store_->RecordArticles(batch, kT0)) ASSERT_TRUE(r.ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM fingerprint_bands"), 0);
  RecordOutcome last = Record(Article("D", "https://d.example/1", Prose(60, 7)));
  ASSERT_TRUE(last.is_new);
  const std::int64_t flushed = 1 + static_cast<std::int64_t>(kFlushArticles);
  EXPECT_EQ(count("SELECT COUNT(DISTINCT article_id) FROM fingerprint_bands"), flushed);
  EXPECT_EQ(count("SELECT COUNT(*) FROM band_queue"), 1);
  // Found through the table now.
  RecordOutcome again = Record(Article("E", "https://e.example/1", body + " and another"));
  EXPECT_EQ(again.article_id, id);

  // Fingerprints and band rows go with their article when Prune takes it (the band
  // table has no foreign key: Prune finds the rows by the article's band keys).
  Open();
  EXPECT_GT(
      count("SELECT COUNT(*) FROM fingerprint_bands WHERE article_id = " + std::to_string(id)), 0);
  RetentionPolicy policy;
  auto pruned = store_->Prune(policy, kT0 + std::chrono::hours(24 * 400));
  ASSERT_TRUE(pruned.ok()) << pruned.status().ToString();
  // Prune always keeps the newest article (the id sequence stays monotonic).
  EXPECT_EQ(count("SELECT COUNT(*) FROM articles"), 1);
  EXPECT_GT(pruned->articles, 500);
  EXPECT_EQ(count("SELECT COUNT(*) FROM fingerprint_bands WHERE article_id <> "
                  "(SELECT MAX(id) FROM articles)"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM article_fingerprints"), 1);
}

TEST_F(SqlStoreIdentityTest, PruneTakesAnArticlesBandRowsByItsKeys) {
  auto count = [&](const std::string& sql) { return Count(sql); };
  auto bands_of = [&](std::int64_t id) {
    return count("SELECT COUNT(*) FROM fingerprint_bands WHERE article_id = " + std::to_string(id));
  };
  // Each transaction first writes what waits (a shared store writes its own rows anyway).
  Open({}, 1);
  std::string text_a = Prose(300, 21);
  std::int64_t a = Record(Article("A", "https://a.example/1", text_a)).article_id;
  std::int64_t b = Record(Article("A", "https://a.example/2", Prose(300, 22))).article_id;
  std::int64_t c = Record(Article("A", "https://a.example/3", Prose(300, 23))).article_id;
  EXPECT_EQ(bands_of(a), 32);
  EXPECT_EQ(bands_of(b), 32);
  auto pruned = store_->Prune(RetentionPolicy{}, kT0 + std::chrono::hours(24 * 400));
  ASSERT_TRUE(pruned.ok()) << pruned.status().ToString();
  EXPECT_EQ(pruned->articles, 2);  // the newest stays (the id sequence stays monotonic)
  EXPECT_EQ(bands_of(a), 0);
  EXPECT_EQ(bands_of(b), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM fingerprint_bands"), bands_of(c));
  EXPECT_EQ(count("SELECT COUNT(*) FROM article_fingerprints"), 1);
  // A's text under a new URL is a new article now.
  EXPECT_TRUE(Record(Article("B", "https://b.example/1", text_a + " again")).is_new);
  // Migration 9 left no foreign key on either engine: a row naming no article goes in.
  auto db = OpenConnectionUnderTest(dir_.File("state.db"), false);
  ASSERT_TRUE(db.ok());
  if (!TestingPostgres()) {
    ASSERT_TRUE((*db)->Exec("PRAGMA foreign_keys = ON").ok());
  }
  EXPECT_TRUE(
      (*db)->Exec("INSERT INTO fingerprint_bands (band, article_id) VALUES (1, 999999)").ok());
}

TEST_F(SqlStoreIdentityTest, APrunedArticlesWaitingBandRowsAreNeverWritten) {
  auto bands_of = [&](std::int64_t id) {
    return Count("SELECT COUNT(*) FROM fingerprint_bands WHERE article_id = " + std::to_string(id));
  };
  Open({}, 3);  // the fourth article's transaction writes the three waiting
  std::int64_t a = Record(Article("A", "https://a.example/1", Prose(300, 24))).article_id;
  std::int64_t b = Record(Article("A", "https://a.example/2", Prose(300, 25))).article_id;
  std::int64_t c = Record(Article("A", "https://a.example/3", Prose(300, 26))).article_id;
  auto pruned = store_->Prune(RetentionPolicy{}, kT0 + std::chrono::hours(24 * 400));
  ASSERT_TRUE(pruned.ok()) << pruned.status().ToString();
  ASSERT_EQ(pruned->articles, 2);
  std::int64_t d = Record(Article("A", "https://a.example/4", Prose(300, 27))).article_id;
  EXPECT_EQ(bands_of(a), 0);
  EXPECT_EQ(bands_of(b), 0);
  EXPECT_EQ(bands_of(c), 32);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM band_queue"), TestingPostgres() ? 0 : 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM band_queue WHERE article_id = " + std::to_string(d)),
            TestingPostgres() ? 0 : 1);
}

TEST_F(SqlStoreIdentityTest, TheBandFilterGrowsAndNeverHidesAStoredArticle) {
  // The first lookup builds the filter (room for 2,048 articles at first); these pass
  // that, so it is rebuilt from the table and the waiting rows on the way.
  std::string first = Prose(300, 31);
  std::int64_t id = Record(Article("A", "https://a.example/1", first)).article_id;
  std::string middle;
  std::int64_t middle_id = 0;
  for (int b = 0; b < 10; ++b) {
    std::vector<NewArticle> batch;
    for (int i = 0; i < 250; ++i) {
      int n = b * 250 + i;
      batch.push_back(Article("C", "https://c.example/" + std::to_string(n),
                              Prose(60, static_cast<unsigned>(1000 + n))));
    }
    if (b == 5) middle = batch[0].text;
    auto outcomes = store_->RecordArticles(batch, kT0);
    for (const auto& r : outcomes) ASSERT_TRUE(r.ok() && r->is_new);
    if (b == 5) middle_id = outcomes[0]->article_id;
  }
  RecordOutcome copy = Record(Article("B", "https://b.example/1", first + " one more line"));
  EXPECT_EQ(copy.rule, MatchRule::kNearDuplicate);
  EXPECT_EQ(copy.article_id, id);
  copy = Record(Article("B", "https://b.example/2", middle + " and a last word"));
  EXPECT_EQ(copy.rule, MatchRule::kNearDuplicate);
  EXPECT_EQ(copy.article_id, middle_id);
}

TEST_F(SqlStoreIdentityTest, OnASharedStoreAnotherDaemonsArticleIsFoundAfterALookup) {
  if (!TestingPostgres()) GTEST_SKIP() << "a shared store is PostgreSQL";
  // This daemon has looked up (and would have built a filter of what it saw) ...
  EXPECT_TRUE(Record(Article("A", "https://a.example/1", Prose(300, 41))).is_new);
  // ... before another daemon stores an article ...
  auto other = OpenStoreUnderTest(dir_.File("state.db"));
  ASSERT_TRUE(other.ok());
  std::string body = Prose(300, 42);
  auto theirs = (*other)->RecordArticle(Article("B", "https://b.example/1", body), kT0);
  ASSERT_TRUE(theirs.ok() && theirs->is_new);
  // ... whose copy this daemon then sees: its bands are sought in the table.
  RecordOutcome copy = Record(Article("C", "https://c.example/1", body + " one more line"));
  EXPECT_EQ(copy.rule, MatchRule::kNearDuplicate);
  EXPECT_EQ(copy.article_id, theirs->article_id);
}

TEST_F(SqlStoreIdentityTest, EachFlushSavesAFilterOfEveryBandKeyForTheNextConnection) {
  if (TestingPostgres()) GTEST_SKIP() << "a shared store keeps no filter";
  Open({}, 1);  // each transaction writes what waits
  const std::string body_a = Prose(300, 43), body_c = Prose(300, 44);
  std::int64_t a = Record(Article("A", "https://a.example/1", body_a)).article_id;
  Record(Article("A", "https://a.example/2", Prose(300, 45)));
  EXPECT_EQ(Count("SELECT generation FROM band_filter"), 1);
  // Another process records and flushes meanwhile: it saves its own filter.
  SqlStoreOptions options;
  options.band_flush_articles = 1;
  std::int64_t c = 0;
  {
    auto other = OpenStoreUnderTest(dir_.File("state.db"), options);
    ASSERT_TRUE(other.ok());
    auto theirs = (*other)->RecordArticle(Article("C", "https://c.example/1", body_c), kT0);
    ASSERT_TRUE(theirs.ok() && theirs->is_new);
    c = theirs->article_id;
    ASSERT_TRUE(
        (*other)->RecordArticle(Article("C", "https://c.example/2", Prose(300, 46)), kT0).ok());
  }
  const std::int64_t theirs_saved = Count("SELECT generation FROM band_filter");
  EXPECT_GT(theirs_saved, 1);
  // This connection's next flush reads theirs back before it saves.
  Record(Article("A", "https://a.example/3", Prose(300, 47)));
  EXPECT_EQ(Count("SELECT generation FROM band_filter"), theirs_saved + 1);
  // A new connection reads the saved filter, not the band table, and finds both.
  Open({}, 1);
  RecordOutcome copy_a = Record(Article("B", "https://b.example/1", body_a + " one more line"));
  EXPECT_EQ(copy_a.rule, MatchRule::kNearDuplicate);
  EXPECT_EQ(copy_a.article_id, a);
  RecordOutcome copy_c = Record(Article("B", "https://b.example/2", body_c + " one more line"));
  EXPECT_EQ(copy_c.rule, MatchRule::kNearDuplicate);
  EXPECT_EQ(copy_c.article_id, c);
}

// An article with its fingerprint as migrations 4-10 stored them (`banded` 0 or 1), and
// its band rows when banded.
std::int64_t InsertOldArticle(SqlConnection* db, const NewArticle& a, const Fingerprint& f,
                              bool banded) {
  auto article = db->Prepare(
      "INSERT INTO articles (url, canonical_url, title, first_seen, alertable, content_hash) "
      "VALUES (?1, ?1, ?2, ?3, 1, ?4) RETURNING id");
  EXPECT_TRUE(article.ok());
  article->BindText(1, a.canonical_url)
      .BindText(2, a.title)
      .BindTime(3, kT0)
      .BindText(4, f.content_hash);
  auto id = article->RunReturningId();
  EXPECT_TRUE(id.ok()) << id.status().ToString();
  auto sig = db->Prepare(
      "INSERT INTO article_fingerprints (article_id, shingles, signature, banded) "
      "VALUES (?1, ?2, ?3, ?4)");
  EXPECT_TRUE(sig.ok());
  EXPECT_TRUE(sig->BindInt(1, *id)
                  .BindInt(2, f.shingles)
                  .BindBlob(3, EncodeSignature(f))
                  .BindInt(4, banded ? 1 : 0)
                  .Run()
                  .ok());
  if (!banded) return *id;
  auto band = db->Prepare("INSERT INTO fingerprint_bands (band, article_id) VALUES (?1, ?2)");
  EXPECT_TRUE(band.ok());
  for (std::int64_t key : BandKeys(f)) {
    band->Reset();
    EXPECT_TRUE(band->BindInt(1, key).BindInt(2, *id).Run().ok());
  }
  return *id;
}

TEST(SqlStoreBandMigrationTest, Migration9KeepsAVersion8DatabasesBandRowsAndDropsItsArticleIndex) {
  testing::ScopedTempDir dir;
  std::string path = dir.File("old.db");
  std::string body = Prose(300, 51);
  NewArticle old = Item("A", "https://a.example/1");
  std::optional<Fingerprint> f = FingerprintArticle(old.title, body);
  ASSERT_TRUE(f.has_value());
  {
    auto db = OpenConnectionUnderTest(path, true);
    ASSERT_TRUE(db.ok());
    std::vector<Migration> v8(Migrations().begin(), Migrations().begin() + 8);
    ASSERT_TRUE(ApplyMigrations(db->get(), v8, kT0).ok());
    InsertOldArticle(db->get(), old, *f, /*banded=*/true);
  }
  auto store = OpenStoreUnderTest(path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto one = [&](const std::string& sql) { return NumberIn(path, sql); };
  EXPECT_EQ(one("SELECT MAX(version) FROM schema_version"), Migrations().back().version);
  EXPECT_EQ(one("SELECT COUNT(*) FROM fingerprint_bands"), 32);
  EXPECT_EQ(
      one(TestingPostgres()
              ? "SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema() AND "
                "indexname = 'fingerprint_bands_article'"
              : "SELECT COUNT(*) FROM sqlite_master WHERE name = 'fingerprint_bands_article'"),
      0);
  // The kept rows are what a lookup finds (the band filter is built from them here).
  NewArticle copy = Item("B", "https://b.example/1");
  copy.text = body + " one more line";
  auto found = (*store)->RecordArticle(copy, kT0);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(found->rule, MatchRule::kNearDuplicate);
  EXPECT_EQ(found->article_id, 1);
}

TEST(SqlStoreBandMigrationTest, Migration11QueuesAVersion10DatabasesUnbandedFingerprints) {
  testing::ScopedTempDir dir;
  std::string path = dir.File("old.db");
  const std::string banded_body = Prose(300, 52), waiting_body = Prose(300, 53);
  NewArticle banded = Item("A", "https://a.example/1");
  NewArticle waiting = Item("A", "https://a.example/2");
  std::optional<Fingerprint> fb = FingerprintArticle(banded.title, banded_body);
  std::optional<Fingerprint> fw = FingerprintArticle(waiting.title, waiting_body);
  ASSERT_TRUE(fb && fw);
  std::int64_t banded_id = 0, waiting_id = 0;
  {
    auto db = OpenConnectionUnderTest(path, true);
    ASSERT_TRUE(db.ok());
    std::vector<Migration> v10(Migrations().begin(), Migrations().begin() + 10);
    ASSERT_TRUE(ApplyMigrations(db->get(), v10, kT0).ok());
    banded_id = InsertOldArticle(db->get(), banded, *fb, true);
    waiting_id = InsertOldArticle(db->get(), waiting, *fw, false);
  }
  auto store = OpenStoreUnderTest(path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto one = [&](const std::string& sql) { return NumberIn(path, sql); };
  EXPECT_EQ(one("SELECT COUNT(*) FROM band_queue"), 1);
  EXPECT_EQ(one("SELECT MIN(article_id) FROM band_queue"), waiting_id);
  EXPECT_EQ(one(TestingPostgres()
                    ? "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = "
                      "current_schema() AND table_name = 'article_fingerprints' AND "
                      "column_name = 'banded'"
                    : "SELECT COUNT(*) FROM pragma_table_info('article_fingerprints') WHERE "
                      "name = 'banded'"),
            0);
  // Both are found: one through its band rows, the other through its queued ones.
  for (const auto& [url, body, id] :
       {std::tuple{"https://b.example/1", banded_body, banded_id},
        std::tuple{"https://b.example/2", waiting_body, waiting_id}}) {
    NewArticle copy = Item("B", url);
    copy.text = body + " one more line";
    auto found = (*store)->RecordArticle(copy, kT0);
    ASSERT_TRUE(found.ok()) << found.status().ToString();
    EXPECT_EQ(found->rule, MatchRule::kNearDuplicate) << url;
    EXPECT_EQ(found->article_id, id) << url;
  }
}

TEST_F(SqlStoreIdentityTest, ARolledBackBatchLeavesNothingWaiting) {
  std::string body = Prose(300, 8);
  NewArticle good = Article("A", "https://a.example/1", body);
  NewArticle bad = Article("A", "https://a.example/2", Prose(300, 9));
  // The whole batch rolls back: a database error in the middle (a read-only file).
  store_.reset();
  auto db = OpenConnectionUnderTest(dir_.File("state.db"), false);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(AddFailingInsertTrigger(db->get(), "refuse", "article_sources",
                                      "NEW.source = 'A' AND (SELECT COUNT(*) FROM articles) > 1",
                                      "disk full")
                  .ok());
  Open();
  auto outcomes = store_->RecordArticles({good, bad}, kT0);
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_FALSE(outcomes[1].ok());
  // The rolled-back article is not found: the same text elsewhere is new, even though
  // the next article takes the rolled-back row's id.
  ASSERT_TRUE(DropFailingInsertTrigger(db->get(), "refuse", "article_sources").ok());
  RecordOutcome fresh = Record(Article("B", "https://b.example/1", Prose(300, 10)));
  EXPECT_TRUE(fresh.is_new);
  RecordOutcome copy = Record(Article("C", "https://c.example/1", body));
  EXPECT_TRUE(copy.is_new) << "the rolled-back article was never stored";
}

TEST_F(SqlStoreIdentityTest, AFilterSavedByARolledBackFlushIsReadBackBeforeTheNextSave) {
  if (TestingPostgres()) GTEST_SKIP() << "a shared store keeps no filter";
  auto generation = [&] { return Count("SELECT COALESCE(MAX(generation), 0) FROM band_filter"); };
  Open({}, 1);
  Record(Article("A", "https://a.example/1", Prose(300, 61)));
  Record(Article("A", "https://a.example/2", Prose(300, 62)));  // saves generation 1
  ASSERT_EQ(generation(), 1);
  // Another process, open meanwhile, writing its waiting rows two articles at a time.
  SqlStoreOptions options;
  options.band_flush_articles = 2;
  auto other = OpenStoreUnderTest(dir_.File("state.db"), options);
  ASSERT_TRUE(other.ok());
  // This connection's next transaction flushes and saves generation 2, then fails.
  auto db = OpenConnectionUnderTest(dir_.File("state.db"), false);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(AddFailingInsertTrigger(db->get(), "refuse", "article_sources", "NEW.source = 'Z'",
                                      "disk full")
                  .ok());
  auto failed = store_->RecordArticles({Article("A", "https://a.example/3", Prose(300, 63)),
                                        Article("Z", "https://z.example/1", Prose(300, 64))},
                                       kT0);
  ASSERT_EQ(failed.size(), 2u);
  ASSERT_FALSE(failed[1].ok());
  ASSERT_TRUE(DropFailingInsertTrigger(db->get(), "refuse", "article_sources").ok());
  EXPECT_EQ(generation(), 1) << "rolled back";
  // The other process saves generation 2 too, with its article's keys.
  const std::string body_c = Prose(300, 65);
  auto theirs = (*other)->RecordArticle(Article("C", "https://c.example/1", body_c), kT0);
  ASSERT_TRUE(theirs.ok() && theirs->is_new);
  ASSERT_TRUE(
      (*other)->RecordArticle(Article("C", "https://c.example/2", Prose(300, 66)), kT0).ok());
  ASSERT_EQ(generation(), 2);
  other->reset();
  // This connection's next save must hold their keys: a new connection finds their article.
  Record(Article("A", "https://a.example/4", Prose(300, 67)));
  Open({}, 1);
  RecordOutcome copy = Record(Article("B", "https://b.example/1", body_c + " one more line"));
  EXPECT_EQ(copy.rule, MatchRule::kNearDuplicate);
  EXPECT_EQ(copy.article_id, theirs->article_id);
}

}  // namespace
}  // namespace gpalert
