#include "store/sql_statement.h"

namespace gpalert {

SqlStatement& SqlStatement::BindInt(int index, std::int64_t value) {
  Keep(backend_->BindInt(index, value));
  return *this;
}

SqlStatement& SqlStatement::BindDouble(int index, double value) {
  Keep(backend_->BindDouble(index, value));
  return *this;
}

SqlStatement& SqlStatement::BindText(int index, std::string_view value) {
  Keep(backend_->BindText(index, value));
  return *this;
}

SqlStatement& SqlStatement::BindBlob(int index, std::string_view bytes) {
  Keep(backend_->BindBlob(index, bytes));
  return *this;
}

SqlStatement& SqlStatement::BindNull(int index) {
  Keep(backend_->BindNull(index));
  return *this;
}

SqlStatement& SqlStatement::BindOptionalText(int index, const std::optional<std::string>& value) {
  return value ? BindText(index, *value) : BindNull(index);
}

SqlStatement& SqlStatement::BindTime(int index, Instant value) {
  return BindInt(index, value.time_since_epoch().count());
}

SqlStatement& SqlStatement::BindOptionalTime(int index, const std::optional<Instant>& value) {
  return value ? BindTime(index, *value) : BindNull(index);
}

Result<bool> SqlStatement::Step() {
  if (!bind_status_.ok()) return bind_status_;
  return backend_->Step();
}

Status SqlStatement::Run() {
  for (;;) {
    Result<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
  }
}

Result<std::int64_t> SqlStatement::RunReturningId() {
  Result<bool> row = Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("an INSERT ... RETURNING gave no row");
  std::int64_t id = ColumnInt(0);
  Status done = Run();
  if (!done.ok()) return done;
  return id;
}

void SqlStatement::Reset() {
  backend_->Reset();
  bind_status_ = Status::Ok();
}

std::optional<std::string> SqlStatement::ColumnOptionalText(int col) const {
  if (ColumnIsNull(col)) return std::nullopt;
  return ColumnText(col);
}

Instant SqlStatement::ColumnTime(int col) const {
  return Instant(std::chrono::seconds(ColumnInt(col)));
}

std::optional<Instant> SqlStatement::ColumnOptionalTime(int col) const {
  if (ColumnIsNull(col)) return std::nullopt;
  return ColumnTime(col);
}

}  // namespace gpalert
