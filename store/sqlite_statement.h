// SqliteStatement: owns one prepared sqlite3_stmt* (finalized on destruction) with typed
// Bind*/Column* helpers. Every value reaches SQL through a Bind call, never through text.
// Indexes: Bind* are 1-based (SQLite's "?N"), Column* are 0-based.
// The SqliteDb it was prepared on must outlive it. Same thread rule as the SqliteDb.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "common/time_format.h"

struct sqlite3_stmt;

namespace gpalert {

class SqliteDb;

class SqliteStatement {
 public:
  static Result<SqliteStatement> Prepare(const SqliteDb& db, std::string_view sql);

  SqliteStatement(SqliteStatement&&) noexcept = default;
  SqliteStatement& operator=(SqliteStatement&&) noexcept = default;

  // Binds return *this; the first failure is kept and reported by Step()/Run().
  SqliteStatement& BindInt(int index, std::int64_t value);
  SqliteStatement& BindBool(int index, bool value) { return BindInt(index, value ? 1 : 0); }
  SqliteStatement& BindDouble(int index, double value);
  SqliteStatement& BindText(int index, std::string_view value);
  SqliteStatement& BindBlob(int index, std::string_view bytes);
  SqliteStatement& BindNull(int index);
  SqliteStatement& BindOptionalText(int index, const std::optional<std::string>& value);
  // Instants are stored as INTEGER seconds since the Unix epoch (UTC).
  SqliteStatement& BindTime(int index, Instant value);
  SqliteStatement& BindOptionalTime(int index, const std::optional<Instant>& value);

  // Advances: true when a row is ready to read, false when done.
  Result<bool> Step();
  // Steps to completion (for statements that return no rows).
  Status Run();
  // Makes the statement ready to bind and run again (bindings are cleared).
  void Reset();

  bool ColumnIsNull(int col) const;
  std::int64_t ColumnInt(int col) const;
  double ColumnDouble(int col) const;
  bool ColumnBool(int col) const { return ColumnInt(col) != 0; }
  std::string ColumnText(int col) const;  // text or blob bytes, verbatim; "" for NULL
  std::optional<std::string> ColumnOptionalText(int col) const;
  Instant ColumnTime(int col) const;
  std::optional<Instant> ColumnOptionalTime(int col) const;

 private:
  struct Finalizer {
    void operator()(sqlite3_stmt* stmt) const;
  };
  SqliteStatement(const SqliteDb* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  void CheckBind(int rc, int index);

  const SqliteDb* db_;
  std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
  Status bind_status_;
};

}  // namespace gpalert
