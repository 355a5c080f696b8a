#include "store/sql_transaction.h"

#include "store/sql_connection.h"

namespace gpalert {

Result<SqlTransaction> SqlTransaction::Begin(SqlConnection* db) {
  Status s = db->BeginWrite();
  if (!s.ok()) return s;
  return SqlTransaction(db);
}

SqlTransaction::~SqlTransaction() {
  if (db_ != nullptr) (void)db_->Exec("ROLLBACK");
}

Status SqlTransaction::Commit() {
  if (db_ == nullptr) return Status::Internal("transaction already finished");
  Status s = db_->Exec("COMMIT");
  if (s.ok()) db_ = nullptr;
  return s;
}

}  // namespace gpalert
