#include "store/sqlite_db.h"

#include <sqlite3.h>

#include <string>

namespace gpalert {

void SqliteDb::Closer::operator()(sqlite3* db) const {
  // close_v2 defers the close until every statement is finalized, so a stray statement
  // can never leave a dangling connection.
  sqlite3_close_v2(db);
}

Result<SqliteDb> SqliteDb::Open(const std::string& path, bool create) {
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (create) flags |= SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  std::unique_ptr<sqlite3, Closer> db(raw);
  if (rc != SQLITE_OK) {
    std::string reason = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    std::string hint = create ? "check that its directory exists and is writable by this user"
                              : "check the path (the daemon creates it on its first run)";
    return Status::IoError("cannot open state database " + path + ": " + reason + "; " + hint);
  }
  sqlite3_extended_result_codes(raw, 1);
  return SqliteDb(std::move(db), path);
}

Status SqliteDb::Exec(std::string_view sql) {
  std::string copy(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_.get(), copy.c_str(), nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string msg = err != nullptr ? err : sqlite3_errstr(rc);
  sqlite3_free(err);
  return Status::IoError(path_ + ": " + msg);
}

Status SqliteDb::Error(std::string_view what) const {
  return Status::IoError(path_ + ": " + std::string(what) + ": " + sqlite3_errmsg(db_.get()));
}

int SqliteDb::Changes() const { return sqlite3_changes(db_.get()); }

std::int64_t SqliteDb::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_.get()); }

}  // namespace gpalert
