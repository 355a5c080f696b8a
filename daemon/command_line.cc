#include "daemon/command_line.h"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <system_error>
#include <vector>

namespace gpalert {
namespace fs = std::filesystem;

std::optional<int> ParseCommandLine(CLI::App& app, const Args& args) {
  try {
    std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 wants them reversed
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return std::nullopt;
}

std::optional<Config> LoadConfigOrReport(const std::string& path) {
  auto config = LoadConfig(path);
  if (!config.ok()) {
    std::fprintf(stderr, "%s\n", config.status().message().c_str());
    return std::nullopt;
  }
  return std::move(config).value();
}

std::string StateDatabasePath(const Config& config) {
  return (fs::path(config.daemon.state_dir) / "gpalert.db").string();
}

Result<std::unique_ptr<SqliteStore>> OpenStateStore(const Config& config, bool create) {
  std::string path = StateDatabasePath(config);
  std::error_code ec;
  if (create) {
    fs::create_directories(config.daemon.state_dir, ec);
    if (ec) {
      return Status::IoError(fmt::format(
          "{}: cannot create the state directory: {} (set [daemon] state_dir to a writable "
          "directory)", config.daemon.state_dir, ec.message()));
    }
  } else if (!fs::exists(path, ec)) {
    return Status::NotFound(fmt::format("{}: no state yet (gpalert run has not polled with "
                                        "this config)", path));
  }
  SqliteStoreOptions options;
  options.create_if_missing = create;
  return SqliteStore::Open(path, options);
}

}  // namespace gpalert
