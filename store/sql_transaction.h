// SqlTransaction: a write transaction (SqlConnection::BeginWrite) that rolls back on
// destruction unless Commit() succeeded. Scoped to one function on the connection's
// owning thread.
#pragma once

#include "common/status.h"

namespace gpalert {

class SqlConnection;

class SqlTransaction {
 public:
  // Starts the transaction.
  static Result<SqlTransaction> Begin(SqlConnection* db);

  SqlTransaction(SqlTransaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  SqlTransaction& operator=(SqlTransaction&&) = delete;
  SqlTransaction(const SqlTransaction&) = delete;
  ~SqlTransaction();

  Status Commit();

 private:
  explicit SqlTransaction(SqlConnection* db) : db_(db) {}
  SqlConnection* db_;  // nullptr once committed or rolled back
};

}  // namespace gpalert
