// Helpers the daemon's subcommands share: CLI11 parsing with gpalert's exit codes
// and loading the config with its errors reported. Command threads only.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string>

#include "common/status.h"
#include "daemon/cli/commands.h"
#include "daemon/config/config.h"
#include "daemon/state_store.h"

namespace gpalert {

// Parses `args` into `app`. nullopt: carry on; otherwise the exit code to return
// (0 after --help, 2 for bad usage; CLI11 has printed why).
std::optional<int> ParseCommandLine(CLI::App& app, const Args& args);

// Loads the config; on failure prints "FILE:LINE:COL: message" to stderr.
std::optional<Config> LoadConfigOrReport(const std::string& path);

}  // namespace gpalert
