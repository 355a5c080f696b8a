// SqliteConnection: the SqlConnection of one SQLite file — owns the sqlite3* (closed on
// destruction; statements prepared on it are sqlite3_stmt* the SqlStatement finalizes).
// Used by one thread at a time (the thread that owns the Store on top of it).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "store/sql_connection.h"

struct sqlite3;

namespace gpalert {

class SqliteConnection final : public SqlConnection {
 public:
  // Opens (or, with `create`, creates) the database file at `path`, with the WAL
  // journal, foreign keys on, synchronous=NORMAL and `busy_timeout`. Errors name the
  // file, SQLite's reason and what to do.
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path, bool create,
                                                        std::chrono::milliseconds busy_timeout);

  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  SqlEngine engine() const override { return SqlEngine::kSqlite; }
  const std::string& name() const override { return path_; }
  Status Exec(std::string_view sql) override;
  Result<SqlStatement> Prepare(std::string_view sql) override;
  std::int64_t Changes() const override;
  Status BeginWrite() override;

  // "<path>: <what>: <sqlite message>" for the last error on this connection.
  Status Error(std::string_view what) const;

 private:
  SqliteConnection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Status Configure(std::chrono::milliseconds busy_timeout);

  sqlite3* db_;
  std::string path_;
};

}  // namespace gpalert
