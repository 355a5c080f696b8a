// The state a config points at: the path of <state_dir>/gpalert.db and opening it as a
// SqliteStore. Used by the commands and the HTTP endpoint; any thread (the store that
// comes back belongs to the thread that uses it).
#pragma once

#include <memory>
#include <string>

#include "common/status.h"
#include "daemon/config/config.h"
#include "store/sqlite_store.h"

namespace gpalert {

// <state_dir>/gpalert.db
std::string StateDatabasePath(const Config& config);

// Opens the state database. With `create`, makes the state directory and the file;
// without, a missing file is kNotFound (the daemon has not run yet).
Result<std::unique_ptr<SqliteStore>> OpenStateStore(const Config& config, bool create);

}  // namespace gpalert
