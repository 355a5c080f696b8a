#include "store/sql_statement_cache.h"

#include "store/sql_connection.h"

namespace gpalert {

Result<SqlStatementCache::Lease> SqlStatementCache::Get(std::string_view sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    Result<SqlStatement> prepared = db_->Prepare(sql);
    if (!prepared.ok()) return prepared.status();
    it = statements_
             .emplace(std::string(sql), std::make_unique<SqlStatement>(std::move(prepared).value()))
             .first;
  }
  return Lease(it->second.get());
}

}  // namespace gpalert
