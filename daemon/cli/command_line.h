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

// Where the config is when --config is not given: $GPALERT_CONFIG when set and not
// empty, else kSystemConfigPath.
inline constexpr const char* kSystemConfigPath = "/etc/gpalert/gpalert.toml";
std::string DefaultConfigPath();
// Declares --config,-c on `app`, preset to DefaultConfigPath().
void AddConfigOption(CLI::App& app, std::string* path);

// "SMTP smtp://host:port" or "Maildir /path", for logs and summaries.
std::string MailDestination(const MailOptions& mail);

// Opens the state database for a command that reads or changes it while the daemon may
// run (SQLite WAL). On failure prints "gpalert <command>: why" and returns nullptr.
std::unique_ptr<SqlStore> OpenStateOrReport(const Config& config, const char* command);

// Opens (creating it when missing, as `run` does) the state database and loads the
// link-signing key (daemon/unsubscribe_secret.h, made on first use) into
// config->mail.unsubscribe_secret: for a command that signs links. On failure prints
// "gpalert <command>: why" and returns nullptr (the command exits 1).
std::unique_ptr<SqlStore> OpenStateWithKeyOrReport(Config* config, const char* command);

// Loads the config; on failure prints "FILE:LINE:COL: message" to stderr (or, when the
// file does not exist, the ways to name one).
std::optional<Config> LoadConfigOrReport(const std::string& path);

}  // namespace gpalert
