#include "store/sqlite_statement_cache.h"

namespace gpalert {

Result<SqliteStatementCache::Lease> SqliteStatementCache::Get(std::string_view sql) {
  std::string key(sql);
  auto it = statements_.find(key);
  if (it == statements_.end()) {
    Result<SqliteStatement> prepared = SqliteStatement::Prepare(*db_, sql);
    if (!prepared.ok()) return prepared.status();
    it =
        statements_
            .emplace(std::move(key), std::make_unique<SqliteStatement>(std::move(prepared).value()))
            .first;
  }
  return Lease(it->second.get());
}

}  // namespace gpalert
