// StoreCopy: moves an installation's state from its SQLite file into an empty PostgreSQL
// database (`gpalert migrate`): every row of every table, in one PostgreSQL transaction,
// each value bound with the target column's type; identity counters move past the copied
// ids. Both databases must be at this binary's schema version (open them as SqlStores
// first). Used by the command's thread; the daemon must not run meanwhile.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "store/sql_connection.h"

namespace gpalert {

// Rows copied per table, in copy order.
using CopyCounts = std::vector<std::pair<std::string, std::int64_t>>;

// Copies `from` (SQLite) into `to` (PostgreSQL). Refuses a target that holds articles,
// subscribers or outbox rows already. Nothing is copied unless everything is.
Result<CopyCounts> CopySqliteToPostgres(SqlConnection* from, SqlConnection* to);

}  // namespace gpalert
