// RecordArticles on SQLite: one transaction per batch must give exactly what RecordArticle
// item by item gives, store nothing when the database fails mid-batch, and leave no read
// snapshot open through its cached statements. Also RecentArticles per source.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "store/sql_store.h"
#include "tests/store/store_test_items.h"
#include "tests/store/store_under_test.h"
#include "tests/support/scoped_temp_dir.h"

namespace gpalert {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

using store_test::Item;
using store_test::kT0;

// A second, raw connection on the store's file (for dumps, triggers, locks).
class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    db_.reset(db);
  }
  // Every row of `sql`, columns joined with '|', rows with '\n'.
  std::string Dump(const std::string& sql) {
    std::string out;
    char* err = nullptr;
    sqlite3_exec(
        db_.get(), sql.c_str(),
        [](void* acc, int n, char** values, char**) {
          auto* s = static_cast<std::string*>(acc);
          for (int i = 0; i < n; ++i) *s += std::string(values[i] ? values[i] : "NULL") + "|";
          *s += "\n";
          return 0;
        },
        &out, &err);
    if (err != nullptr) {
      out += std::string("ERROR ") + err;
      sqlite3_free(err);
    }
    return out;
  }
  int Exec(const std::string& sql) {
    return sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, nullptr);
  }

 private:
  struct Closer {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
  };
  std::unique_ptr<sqlite3, Closer> db_;
};

std::unique_ptr<SqlStore> OpenStore(const std::string& path, SqlStoreOptions options = {}) {
  Result<std::unique_ptr<SqlStore>> opened = OpenStoreUnderTest(path, options);
  EXPECT_TRUE(opened.ok()) << opened.status().ToString();
  return opened.ok() ? std::move(opened).value() : nullptr;
}

std::string Outcomes(const std::vector<Result<RecordOutcome>>& outcomes) {
  std::string s;
  for (const Result<RecordOutcome>& r : outcomes) {
    s += r.ok() ? std::to_string(r->article_id) + (r->is_new ? " new" : " dup") : "error";
    s += "; ";
  }
  return s;
}

std::string StoredRows(const std::string& path) {
  RawDb raw(path);
  return raw.Dump(
             "SELECT id, url, canonical_url, guid, title, first_seen, alertable FROM articles "
             "ORDER BY id") +
         raw.Dump("SELECT article_id, source, guid, seen_at FROM article_sources ORDER BY rowid");
}

struct BatchCase {
  std::string name;
  std::vector<NewArticle> before;  // recorded one by one first, at kT0
  std::vector<NewArticle> batch;   // then recorded at kT0 + 1 h
  std::string expected;            // Outcomes() of the batch
};

void PrintTo(const BatchCase& c, std::ostream* os) { *os << c.name; }

class RecordArticlesMatchesOneByOne : public ::testing::TestWithParam<BatchCase> {};

TEST_P(RecordArticlesMatchesOneByOne, GivesTheSameOutcomesAndRows) {
  const BatchCase& c = GetParam();
  testing::ScopedTempDir dir;
  ASSERT_FALSE(dir.path().empty());
  std::unique_ptr<SqlStore> batched = OpenStore(dir.File("batched.db"));
  std::unique_ptr<SqlStore> single = OpenStore(dir.File("single.db"));
  ASSERT_TRUE(batched && single);
  for (const NewArticle& a : c.before) {
    ASSERT_TRUE(batched->RecordArticle(a, kT0).ok());
    ASSERT_TRUE(single->RecordArticle(a, kT0).ok());
  }
  std::vector<Result<RecordOutcome>> from_batch = batched->RecordArticles(c.batch, kT0 + hours(1));
  std::vector<Result<RecordOutcome>> from_single;
  for (const NewArticle& a : c.batch)
    from_single.push_back(single->RecordArticle(a, kT0 + hours(1)));

  EXPECT_EQ(Outcomes(from_batch), c.expected);
  EXPECT_EQ(Outcomes(from_batch), Outcomes(from_single));
  batched.reset();
  single.reset();
  EXPECT_EQ(StoredRows(dir.File("batched.db")), StoredRows(dir.File("single.db")));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RecordArticlesMatchesOneByOne,
    ::testing::Values(
        BatchCase{"EmptyBatch", {}, {}, ""},
        BatchCase{"DistinctNewItems",
                  {},
                  {Item("A", "https://a/1", "g1"), Item("A", "https://a/2", "g2"),
                   Item("A", "https://a/3")},
                  "1 new; 2 new; 3 new; "},
        BatchCase{"SameGuidTwiceInTheBatchUnderTwoUrls",
                  {},
                  {Item("A", "https://a/1", "g1"), Item("A", "https://a/1-moved", "g1")},
                  "1 new; 1 dup; "},
        BatchCase{"SameCanonicalUrlTwiceInTheBatch",
                  {},
                  {Item("A", "https://a/1"), Item("A", "https://a/2"), Item("A", "https://a/1")},
                  "1 new; 2 new; 1 dup; "},
        BatchCase{"SameUrlFromTwoSourcesInOneBatchIsLinked",
                  {},
                  {Item("A", "https://x/1", "ga"), Item("B", "https://x/1", "gb")},
                  "1 new; 1 dup; "},
        BatchCase{"SameGuidInTwoSourcesWithDifferentUrlsStaysApart",
                  {},
                  {Item("A", "https://a/1", "g"), Item("B", "https://b/1", "g")},
                  "1 new; 2 new; "},
        BatchCase{"ItemsStoredByAnEarlierPoll",
                  {Item("A", "https://a/1", "g1"), Item("A", "https://a/2")},
                  {Item("A", "https://a/1-new-url", "g1"), Item("A", "https://a/2"),
                   Item("A", "https://a/3")},
                  "1 dup; 2 dup; 3 new; "},
        BatchCase{"CrossSourceDuplicateOfAnEarlierPoll",
                  {Item("A", "https://x/1", "ga")},
                  {Item("B", "https://x/1"), Item("B", "https://x/1", "gb")},
                  "1 dup; 1 dup; "},
        BatchCase{"InvalidItemFailsAloneAndTheOthersAreStored",
                  {},
                  {Item("A", "https://a/1"), Item("A", ""), Item("", "https://a/2"),
                   Item("A", "https://a/3")},
                  "1 new; error; error; 2 new; "}),
    [](const ::testing::TestParamInfo<BatchCase>& info) { return info.param.name; });

class SqlStoreBatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(dir_.path().empty());
    path_ = dir_.File("state.db");
    store_ = OpenStore(path_, options_);
    ASSERT_TRUE(store_);
  }

  testing::ScopedTempDir dir_;
  std::string path_;
  SqlStoreOptions options_{true, std::chrono::milliseconds(50)};
  std::unique_ptr<SqlStore> store_;
};

TEST_F(SqlStoreBatchTest, StoresNothingOfTheBatchWhenTheDatabaseFailsMidway) {
  auto raw = OpenConnectionUnderTest(path_);
  ASSERT_TRUE(raw.ok());
  ASSERT_TRUE(AddFailingInsertTrigger(raw->get(), "boom", "articles",
                                      "NEW.canonical_url = 'https://a/boom'", "injected failure")
                  .ok());
  std::vector<NewArticle> batch = {Item("A", "https://a/1", "g1"), Item("B", "https://a/2"),
                                   Item("A", "https://a/boom"), Item("A", "https://a/4")};
  std::vector<Result<RecordOutcome>> out = store_->RecordArticles(batch, kT0);
  ASSERT_EQ(out.size(), 4u);
  for (const Result<RecordOutcome>& r : out) {
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("injected failure"), std::string::npos)
        << r.status().message();
    EXPECT_NE(r.status().message().find("rolled back"), std::string::npos) << r.status().message();
  }
  auto count = (*raw)->Prepare(
      "SELECT (SELECT COUNT(*) FROM articles) + (SELECT COUNT(*) FROM article_sources)");
  ASSERT_TRUE(count.ok() && *count->Step());
  EXPECT_EQ(count->ColumnInt(0), 0);

  // The connection is usable afterwards: the next batch commits and dedups as usual.
  batch.erase(batch.begin() + 2);
  // (PostgreSQL's identity values are not rolled back: the failed batch used up three.)
  EXPECT_EQ(Outcomes(store_->RecordArticles(batch, kT0)),
            TestingPostgres() ? "4 new; 5 new; 6 new; " : "1 new; 2 new; 3 new; ");
}

TEST_F(SqlStoreBatchTest, FailsEveryItemAndStoresNothingWhenAnotherProcessHoldsTheWriteLock) {
  SKIP_ON_POSTGRES("SQLite's file lock, WAL and query planner");
  RawDb other(path_);
  ASSERT_EQ(other.Exec("BEGIN IMMEDIATE"), SQLITE_OK);
  std::vector<Result<RecordOutcome>> out =
      store_->RecordArticles({Item("A", "https://a/1"), Item("A", "https://a/2")}, kT0);
  EXPECT_EQ(Outcomes(out), "error; error; ");
  ASSERT_EQ(other.Exec("COMMIT"), SQLITE_OK);
  EXPECT_EQ(other.Dump("SELECT COUNT(*) FROM articles"), "0|\n");
}

TEST_F(SqlStoreBatchTest, LeavesNoReadSnapshotOpenSoACheckpointCanFinish) {
  SKIP_ON_POSTGRES("SQLite's file lock, WAL and query planner");
  // A duplicate stops its cached GUID lookup after one row; the statement must still be
  // reset, or this connection would pin the WAL and no checkpoint could truncate it.
  ASSERT_TRUE(store_->RecordArticle(Item("A", "https://a/1", "g1"), kT0).ok());
  EXPECT_EQ(Outcomes(store_->RecordArticles({Item("A", "https://a/1", "g1")}, kT0)), "1 dup; ");
  Result<RecordOutcome> dup = store_->RecordArticle(Item("A", "https://a/1", "g1"), kT0);
  ASSERT_TRUE(dup.ok());
  EXPECT_FALSE(dup->is_new);
  ASSERT_TRUE(store_->GetSource("nothing").ok());
  RawDb other(path_);
  ASSERT_EQ(other.Exec("INSERT INTO suppressions VALUES ('x@example.org', 'test', 0)"), SQLITE_OK);
  // Columns: busy, WAL frames, frames checkpointed. busy = 0 means no reader held it back.
  EXPECT_EQ(other.Dump("PRAGMA wal_checkpoint(TRUNCATE)"), "0|0|0|\n");
}

TEST_F(SqlStoreBatchTest, RecentArticlesOfASourceAreItsNewestFirstSeenFirst) {
  ASSERT_TRUE(store_->RecordArticle(Item("A", "https://x/old"), kT0).ok());
  ASSERT_TRUE(store_->RecordArticle(Item("B", "https://b/1"), kT0 + minutes(1)).ok());
  ASSERT_TRUE(store_->RecordArticle(Item("A", "https://a/mid"), kT0 + minutes(2)).ok());
  ASSERT_TRUE(store_->RecordArticle(Item("A", "https://a/new"), kT0 + minutes(3)).ok());
  // Seen in B later: B lists it, ordered by when it was first seen anywhere.
  ASSERT_TRUE(store_->RecordArticle(Item("B", "https://x/old"), kT0 + minutes(4)).ok());

  auto urls = [&](const std::string& source, int limit) {
    std::string s;
    Result<std::vector<StoredArticle>> got = store_->RecentArticles(source, limit);
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    if (got.ok())
      for (const StoredArticle& a : *got) s += a.canonical_url + " ";
    return s;
  };
  EXPECT_EQ(urls("A", 10), "https://a/new https://a/mid https://x/old ");
  EXPECT_EQ(urls("A", 2), "https://a/new https://a/mid ");
  EXPECT_EQ(urls("B", 10), "https://b/1 https://x/old ");
  EXPECT_EQ(urls("", 10), "https://a/new https://a/mid https://b/1 https://x/old ");
  EXPECT_EQ(urls("nobody", 10), "");
}

TEST_F(SqlStoreBatchTest, RecentArticlesOfASourceReadThroughTheSourceIndex) {
  SKIP_ON_POSTGRES("SQLite's file lock, WAL and query planner");
  RawDb raw(path_);
  // The per-source query names article_sources_source, so it cannot silently fall back
  // to scanning every article: without the index it fails instead.
  ASSERT_EQ(raw.Exec("DROP INDEX article_sources_source"), SQLITE_OK);
  Result<std::vector<StoredArticle>> got = store_->RecentArticles("A", 10);
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.status().message().find("article_sources_source"), std::string::npos)
      << got.status().message();
}

}  // namespace
}  // namespace gpalert
