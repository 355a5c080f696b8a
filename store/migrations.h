// Migrations: the ordered list of SQLite schema changes and the code that applies them.
// The schema_version table records every applied version; opening a database applies
// the missing ones, each in its own transaction. Never edit a released migration: add one.
// Used by SqliteStore::Open on the opening thread.
#pragma once

#include <string_view>
#include <vector>

#include "common/status.h"
#include "common/time_format.h"

namespace gpalert {

class SqliteDb;

struct Migration {
  int version = 0;           // 1, 2, 3 ... in order, no gaps
  std::string_view summary;  // one line, recorded in schema_version
  std::string_view sql;      // statements that bind no values
};

// Every migration, oldest first.
const std::vector<Migration>& SqliteMigrations();

// The highest version recorded in `db` (0 for an empty database).
Result<int> SchemaVersion(SqliteDb* db);

// Brings `db` up to the last of `migrations`. Refuses a database newer than this binary.
Status ApplyMigrations(SqliteDb* db, const std::vector<Migration>& migrations, Instant now);

}  // namespace gpalert
