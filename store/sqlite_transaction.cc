#include "store/sqlite_transaction.h"

#include "store/sqlite_db.h"

namespace gpalert {

Result<SqliteTransaction> SqliteTransaction::Begin(SqliteDb* db) {
  // IMMEDIATE takes the write lock up front, so a second process waits on busy_timeout
  // here instead of failing half-way through the transaction.
  Status s = db->Exec("BEGIN IMMEDIATE");
  if (!s.ok()) return s;
  return SqliteTransaction(db);
}

SqliteTransaction::~SqliteTransaction() {
  if (db_ != nullptr) (void)db_->Exec("ROLLBACK");
}

Status SqliteTransaction::Commit() {
  if (db_ == nullptr) return Status::Internal("transaction already finished");
  Status s = db_->Exec("COMMIT");
  if (s.ok()) db_ = nullptr;
  return s;
}

}  // namespace gpalert
