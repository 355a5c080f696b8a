// The state a config points at — <state_dir>/gpalert.db, or the PostgreSQL database of
// [store] url — and opening it as a SqlStore. Used by the commands and the HTTP endpoint; any
// thread (the store that comes back belongs to the thread that uses it).
#pragma once

#include <memory>
#include <string>

#include "common/status.h"
#include "daemon/config/config.h"
#include "store/sql_store.h"

namespace gpalert {

// <state_dir>/gpalert.db
std::string StateDatabasePath(const Config& config);

// What this process's leases and claims on a shared store say: "<[daemon] name>/<pid>".
std::string LeaseHolder(const DaemonOptions& daemon);

// What messages call it: that path, or the redacted PostgreSQL connection string.
std::string StateStoreName(const Config& config);

// Opens the state database. With `create`, makes the state directory and the file (or
// the PostgreSQL schema); without, a missing one is kNotFound (the daemon has not run yet).
Result<std::unique_ptr<SqlStore>> OpenStateStore(const Config& config, bool create);

}  // namespace gpalert
