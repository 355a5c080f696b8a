// SqliteDb: owns one sqlite3* connection (closed on destruction) and runs plain SQL.
// Move-only. Used by one thread at a time (the thread that owns the Store on top of it).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

struct sqlite3;

namespace gpalert {

class SqliteDb {
 public:
  // Opens (or, with `create`, creates) the database file at `path`. Errors name the
  // file, SQLite's reason and what to do.
  static Result<SqliteDb> Open(const std::string& path, bool create);

  SqliteDb(SqliteDb&&) noexcept = default;
  SqliteDb& operator=(SqliteDb&&) noexcept = default;
  ~SqliteDb() = default;

  sqlite3* get() const { return db_.get(); }
  const std::string& path() const { return path_; }

  // Runs one or more statements that bind no values (schema, pragmas, BEGIN/COMMIT).
  Status Exec(std::string_view sql);
  // "<path>: <what>: <sqlite message>" for the last error on this connection.
  Status Error(std::string_view what) const;
  // Number of rows changed by the last INSERT/UPDATE/DELETE.
  int Changes() const;
  std::int64_t LastInsertRowId() const;

 private:
  struct Closer {
    void operator()(sqlite3* db) const;
  };
  SqliteDb(std::unique_ptr<sqlite3, Closer> db, std::string path)
      : db_(std::move(db)), path_(std::move(path)) {}

  std::unique_ptr<sqlite3, Closer> db_;
  std::string path_;
};

}  // namespace gpalert
