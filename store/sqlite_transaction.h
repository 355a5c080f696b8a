// SqliteTransaction: a write transaction (BEGIN IMMEDIATE) that rolls back on destruction
// unless Commit() succeeded. Scoped to one function on the connection's owning thread.
#pragma once

#include "common/status.h"

namespace gpalert {

class SqliteDb;

class SqliteTransaction {
 public:
  // Starts the transaction; check ok() (or use Begin) before relying on it.
  static Result<SqliteTransaction> Begin(SqliteDb* db);

  SqliteTransaction(SqliteTransaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  SqliteTransaction& operator=(SqliteTransaction&&) = delete;
  SqliteTransaction(const SqliteTransaction&) = delete;
  ~SqliteTransaction();

  Status Commit();

 private:
  explicit SqliteTransaction(SqliteDb* db) : db_(db) {}
  SqliteDb* db_;  // nullptr once committed or rolled back
};

}  // namespace gpalert
