// StoreOptions: the [store] section of the config — where the daemon's state lives. Plain
// options; the config loader fills them, OpenStateStore (daemon/state_store.h) reads them.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace gpalert {

struct StoreOptions {
  // nullopt: the embedded SQLite file <state_dir>/gpalert.db. Else a PostgreSQL libpq URI
  // ("postgresql://gpalert@db.example.org/gpalert", "postgresql:///gpalert?host=/run/postgresql")
  // that several daemons may share. Never holds a password (the loader refuses one).
  std::optional<std::string> url;
  // A file whose first line is the PostgreSQL password (absolute once loaded); otherwise
  // libpq's own PGPASSFILE / ~/.pgpass.
  std::optional<std::string> password_file;
  // How long a daemon's lease on a source lasts without renewal (it renews while the poll
  // runs): a daemon that dies leaves its sources to the others this long after.
  std::chrono::seconds lease{120};
};

}  // namespace gpalert
