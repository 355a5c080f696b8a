// SqliteConnection's one-row "INSERT ... RETURNING id", run without the clause (SQLite's
// RETURNING is slow) and answered from the last insert rowid: the same rows as the real
// clause gives, on a real database file.
#include "store/sqlite_connection.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include <unistd.h>

#include "store/sql_statement.h"
#include "tests/store/store_under_test.h"

namespace gpalert {
namespace {

class SqliteConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SKIP_ON_POSTGRES("SQLite's own connection");
    dir_ = std::filesystem::temp_directory_path() /
           ("gpalert-sqlite-connection-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    auto db = SqliteConnection::Open((dir_ / "t.db").string(), true, std::chrono::seconds(1));
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    ASSERT_TRUE(db_->Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE);"
                          "CREATE TABLE u (id INTEGER PRIMARY KEY, v TEXT);"
                          "INSERT INTO t (id, v) VALUES (41, 'seed');")
                    .ok());
  }
  void TearDown() override {
    db_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  std::filesystem::path dir_;
  std::unique_ptr<SqliteConnection> db_;
};

TEST_F(SqliteConnectionTest, OneRowInsertReturningIdGivesEachNewRowsId) {
  auto ins = db_->Prepare("INSERT INTO t (v) VALUES (?1) RETURNING id");
  ASSERT_TRUE(ins.ok());
  // A statement on another table in between: the id is the INSERT's own.
  auto other = db_->Prepare("INSERT INTO u (v) VALUES ('x')");
  ASSERT_TRUE(other.ok());
  for (int i = 0; i < 3; ++i) {
    ins->Reset();
    ins->BindText(1, "v" + std::to_string(i));
    Result<std::int64_t> id = ins->RunReturningId();
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    EXPECT_EQ(*id, 42 + i);
    ASSERT_TRUE(other->Run().ok());
    other->Reset();
  }
  // Stepped by hand: one row (the id in column 0), then the end.
  ins->Reset();
  ins->BindText(1, "by hand");
  Result<bool> row = ins->Step();
  ASSERT_TRUE(row.ok() && *row);
  EXPECT_EQ(ins->ColumnInt(0), 45);
  EXPECT_FALSE(ins->ColumnIsNull(0));
  row = ins->Step();
  ASSERT_TRUE(row.ok());
  EXPECT_FALSE(*row);
}

TEST_F(SqliteConnectionTest, AFailedInsertIsAnErrorNotAnId) {
  auto ins = db_->Prepare("INSERT INTO t (v) VALUES (?1) RETURNING id");
  ASSERT_TRUE(ins.ok());
  ins->BindText(1, "seed");  // UNIQUE
  Result<std::int64_t> id = ins->RunReturningId();
  EXPECT_FALSE(id.ok());
}

TEST_F(SqliteConnectionTest, InsertsOfOtherShapesKeepTheRealClause) {
  // An upsert's update sets no last rowid: the clause itself answers.
  auto upsert = db_->Prepare(
      "INSERT INTO t (v) VALUES ('seed') ON CONFLICT (v) DO UPDATE SET v = excluded.v "
      "RETURNING id");
  ASSERT_TRUE(upsert.ok());
  Result<std::int64_t> id = upsert->RunReturningId();
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(*id, 41);
  // Several rows: refused rather than one id for all of them.
  auto many = db_->Prepare("INSERT INTO u (v) VALUES ('a'), ('b') RETURNING id");
  ASSERT_TRUE(many.ok());
  Result<bool> row = many->Step();
  EXPECT_FALSE(row.ok());
  // No row inserted: no row returned.
  auto none = db_->Prepare("INSERT INTO u (v) SELECT v FROM t WHERE 0 RETURNING id");
  ASSERT_TRUE(none.ok());
  row = none->Step();
  ASSERT_TRUE(row.ok());
  EXPECT_FALSE(*row);
}

}  // namespace
}  // namespace gpalert
