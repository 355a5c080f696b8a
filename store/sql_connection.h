// SqlConnection: one open connection to the state database, of either engine — SQLite
// (store/sqlite_connection.h, the embedded default) or PostgreSQL (store/pg_connection.h,
// shared by several daemons). The store's SQL is written once in the common dialect both
// engines take ("?N" parameters, ON CONFLICT, RETURNING); what differs (schema text, how a
// write transaction starts) is asked of the connection. Owns the engine handle (closed on
// destruction). Used by one thread at a time: the thread that owns the Store on top of it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"
#include "store/sql_statement.h"

namespace gpalert {

enum class SqlEngine { kSqlite, kPostgres };

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;

  virtual SqlEngine engine() const = 0;
  // What errors and `gpalert check` call this database: the SQLite file's path, or the
  // PostgreSQL URL with any password removed.
  virtual const std::string& name() const = 0;

  // Runs one or more statements that bind no values (schema, BEGIN/COMMIT).
  virtual Status Exec(std::string_view sql) = 0;
  virtual Result<SqlStatement> Prepare(std::string_view sql) = 0;
  // Number of rows changed by the last INSERT/UPDATE/DELETE run on this connection.
  virtual std::int64_t Changes() const = 0;
  // Starts a write transaction: SQLite takes the file's write lock up front (BEGIN
  // IMMEDIATE), so a second writer waits at the start instead of failing half-way.
  virtual Status BeginWrite() = 0;
};

}  // namespace gpalert
