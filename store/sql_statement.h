// SqlStatement: one prepared statement of either engine (SQLite or PostgreSQL) with typed
// Bind*/Column* helpers, so the store's SQL is written once. Every value reaches SQL
// through a Bind call, never through text. Indexes: Bind* are 1-based (the SQL's "?N"),
// Column* are 0-based. Owns its engine statement (SqlStatementBackend); the connection it
// was prepared on must outlive it. Used by the thread that owns the connection.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "common/time_format.h"

namespace gpalert {

// What each engine implements (store/sqlite_connection.cc, store/pg_connection.cc).
class SqlStatementBackend {
 public:
  virtual ~SqlStatementBackend() = default;
  virtual Status BindInt(int index, std::int64_t value) = 0;
  virtual Status BindDouble(int index, double value) = 0;
  virtual Status BindText(int index, std::string_view value) = 0;
  virtual Status BindBlob(int index, std::string_view bytes) = 0;
  virtual Status BindNull(int index) = 0;
  virtual Result<bool> Step() = 0;
  virtual void Reset() = 0;
  virtual bool ColumnIsNull(int col) const = 0;
  virtual std::int64_t ColumnInt(int col) const = 0;
  virtual double ColumnDouble(int col) const = 0;
  virtual std::string ColumnText(int col) const = 0;  // text or blob bytes, verbatim
};

class SqlStatement {
 public:
  explicit SqlStatement(std::unique_ptr<SqlStatementBackend> backend)
      : backend_(std::move(backend)) {}
  SqlStatement(SqlStatement&&) noexcept = default;
  SqlStatement& operator=(SqlStatement&&) noexcept = default;

  // Binds return *this; the first failure is kept and reported by Step()/Run().
  SqlStatement& BindInt(int index, std::int64_t value);
  SqlStatement& BindBool(int index, bool value) { return BindInt(index, value ? 1 : 0); }
  SqlStatement& BindDouble(int index, double value);
  SqlStatement& BindText(int index, std::string_view value);
  SqlStatement& BindBlob(int index, std::string_view bytes);
  SqlStatement& BindNull(int index);
  SqlStatement& BindOptionalText(int index, const std::optional<std::string>& value);
  // Instants are stored as integer seconds since the Unix epoch (UTC).
  SqlStatement& BindTime(int index, Instant value);
  SqlStatement& BindOptionalTime(int index, const std::optional<Instant>& value);

  // Advances: true when a row is ready to read, false when done.
  Result<bool> Step();
  // Steps to completion (for statements that return no rows).
  Status Run();
  // Runs an INSERT ... RETURNING id (both engines take it) and gives the new row's id.
  Result<std::int64_t> RunReturningId();
  // Makes the statement ready to bind and run again (bindings are cleared).
  void Reset();

  bool ColumnIsNull(int col) const { return backend_->ColumnIsNull(col); }
  std::int64_t ColumnInt(int col) const { return backend_->ColumnInt(col); }
  double ColumnDouble(int col) const { return backend_->ColumnDouble(col); }
  bool ColumnBool(int col) const { return ColumnInt(col) != 0; }
  std::string ColumnText(int col) const { return backend_->ColumnText(col); }  // "" for NULL
  std::optional<std::string> ColumnOptionalText(int col) const;
  Instant ColumnTime(int col) const;
  std::optional<Instant> ColumnOptionalTime(int col) const;

 private:
  void Keep(Status s) {
    if (!s.ok() && bind_status_.ok()) bind_status_ = std::move(s);
  }

  std::unique_ptr<SqlStatementBackend> backend_;
  Status bind_status_;
};

}  // namespace gpalert
