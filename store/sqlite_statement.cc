#include "store/sqlite_statement.h"

#include <sqlite3.h>

#include <string>

#include "store/sqlite_db.h"

namespace gpalert {

void SqliteStatement::Finalizer::operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }

Result<SqliteStatement> SqliteStatement::Prepare(const SqliteDb& db, std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db.get(), sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return db.Error("cannot prepare \"" + std::string(sql.substr(0, 60)) + "\"");
  }
  return SqliteStatement(&db, stmt);
}

void SqliteStatement::CheckBind(int rc, int index) {
  if (rc != SQLITE_OK && bind_status_.ok()) {
    bind_status_ = db_->Error("cannot bind parameter " + std::to_string(index));
  }
}

SqliteStatement& SqliteStatement::BindInt(int index, std::int64_t value) {
  CheckBind(sqlite3_bind_int64(stmt_.get(), index, value), index);
  return *this;
}

SqliteStatement& SqliteStatement::BindDouble(int index, double value) {
  CheckBind(sqlite3_bind_double(stmt_.get(), index, value), index);
  return *this;
}

SqliteStatement& SqliteStatement::BindText(int index, std::string_view value) {
  CheckBind(sqlite3_bind_text64(stmt_.get(), index, value.data(), value.size(), SQLITE_TRANSIENT,
                                SQLITE_UTF8),
            index);
  return *this;
}

SqliteStatement& SqliteStatement::BindBlob(int index, std::string_view bytes) {
  // A zero-length blob must still be a blob, not NULL: pass a non-null pointer.
  static const char kEmpty = 0;
  const void* data = bytes.empty() ? &kEmpty : bytes.data();
  CheckBind(sqlite3_bind_blob64(stmt_.get(), index, data, bytes.size(), SQLITE_TRANSIENT), index);
  return *this;
}

SqliteStatement& SqliteStatement::BindNull(int index) {
  CheckBind(sqlite3_bind_null(stmt_.get(), index), index);
  return *this;
}

SqliteStatement& SqliteStatement::BindOptionalText(int index,
                                                   const std::optional<std::string>& value) {
  return value ? BindText(index, *value) : BindNull(index);
}

SqliteStatement& SqliteStatement::BindTime(int index, Instant value) {
  return BindInt(index, value.time_since_epoch().count());
}

SqliteStatement& SqliteStatement::BindOptionalTime(int index, const std::optional<Instant>& value) {
  return value ? BindTime(index, *value) : BindNull(index);
}

Result<bool> SqliteStatement::Step() {
  if (!bind_status_.ok()) return bind_status_;
  int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return db_->Error("cannot run \"" + std::string(sqlite3_sql(stmt_.get())).substr(0, 60) + "\"");
}

Status SqliteStatement::Run() {
  for (;;) {
    Result<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
  }
}

void SqliteStatement::Reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
  bind_status_ = Status::Ok();
}

bool SqliteStatement::ColumnIsNull(int col) const {
  return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL;
}

std::int64_t SqliteStatement::ColumnInt(int col) const {
  return sqlite3_column_int64(stmt_.get(), col);
}

double SqliteStatement::ColumnDouble(int col) const {
  return sqlite3_column_double(stmt_.get(), col);
}

std::string SqliteStatement::ColumnText(int col) const {
  // Ask for the blob pointer so that embedded NULs and non-UTF-8 bytes come back verbatim.
  const void* data = sqlite3_column_blob(stmt_.get(), col);
  int size = sqlite3_column_bytes(stmt_.get(), col);
  if (data == nullptr || size <= 0) return std::string();
  return std::string(static_cast<const char*>(data), static_cast<size_t>(size));
}

std::optional<std::string> SqliteStatement::ColumnOptionalText(int col) const {
  if (ColumnIsNull(col)) return std::nullopt;
  return ColumnText(col);
}

Instant SqliteStatement::ColumnTime(int col) const {
  return Instant(std::chrono::seconds(ColumnInt(col)));
}

std::optional<Instant> SqliteStatement::ColumnOptionalTime(int col) const {
  if (ColumnIsNull(col)) return std::nullopt;
  return ColumnTime(col);
}

}  // namespace gpalert
