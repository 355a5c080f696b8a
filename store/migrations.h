// Migrations: the ordered list of schema changes and the code that applies them, for both
// engines. Each is written once in SQLite's DDL; PostgresDdl() expresses it for
// PostgreSQL (types and key syntax; the list is in store/migrations.cc). The
// schema_version table records every applied version; opening a database applies the
// missing ones, each in its own transaction, under a lock (SQLite: the write lock;
// PostgreSQL: an advisory lock), so daemons starting together migrate once. Never edit a
// released migration: add one. Used by SqlStore's Open functions on the opening thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "common/time_format.h"
#include "store/sql_connection.h"

namespace gpalert {

struct Migration {
  int version = 0;           // 1, 2, 3 ... in order, no gaps
  std::string_view summary;  // one line, recorded in schema_version
  std::string_view sql;      // SQLite statements that bind no values
  // Statements PostgreSQL runs before and after PostgresDdl(sql) (what SQLite has built
  // in: the NOCASE collation, the rowid).
  std::string_view postgres_prelude = {};
  std::string_view postgres_coda = {};
  // PostgreSQL's own statements in place of PostgresDdl(sql), when SQLite needs a table
  // rebuild for what PostgreSQL does with ALTER (empty: PostgresDdl(sql)).
  std::string_view postgres = {};
};

// Every migration, oldest first.
const std::vector<Migration>& Migrations();

// `sqlite_ddl` for PostgreSQL: INTEGER is BIGINT (an INTEGER PRIMARY KEY of its own is a
// BIGINT identity), BLOB is BYTEA, REAL is DOUBLE PRECISION, WITHOUT ROWID goes;
// COLLATE NOCASE names the case-insensitive collation migration 1 makes.
std::string PostgresDdl(std::string_view sqlite_ddl);

// The highest version recorded in `db` (0 for an empty database). Makes the
// schema_version table when it is missing.
Result<int> SchemaVersion(SqlConnection* db);
// The same, changing nothing: nullopt when `db` has no schema_version table.
Result<std::optional<int>> StoredSchemaVersion(SqlConnection* db);

// Brings `db` up to the last of `migrations`. Refuses a database newer than this binary.
// Without `create`, a PostgreSQL database with no schema yet is kNotFound (a read-only
// command pointed at the wrong database changes nothing).
Status ApplyMigrations(SqlConnection* db, const std::vector<Migration>& migrations, Instant now,
                       bool create = true);

}  // namespace gpalert
