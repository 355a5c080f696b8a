// Helpers the daemon's subcommands share: CLI11 parsing with gpalert's exit codes,
// and opening the state (SQLite file) a config points at. Command threads only.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string>

#include "common/status.h"
#include "daemon/commands.h"
#include "daemon/config.h"
#include "store/sqlite_store.h"

namespace gpalert {

// Parses `args` into `app`. nullopt: carry on; otherwise the exit code to return
// (0 after --help, 2 for bad usage; CLI11 has printed why).
std::optional<int> ParseCommandLine(CLI::App& app, const Args& args);

// Loads the config; on failure prints "FILE:LINE:COL: message" to stderr.
std::optional<Config> LoadConfigOrReport(const std::string& path);

// <state_dir>/gpalert.db
std::string StateDatabasePath(const Config& config);

// Opens the state database. With `create`, makes the state directory and the file;
// without, a missing file is kNotFound (the daemon has not run yet).
Result<std::unique_ptr<SqliteStore>> OpenStateStore(const Config& config, bool create);

}  // namespace gpalert
