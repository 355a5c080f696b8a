#include "daemon/state_store.h"

#include <fmt/format.h>

#include <filesystem>
#include <system_error>

namespace gpalert {
namespace fs = std::filesystem;

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
          "directory)",
          config.daemon.state_dir, ec.message()));
    }
  } else if (!fs::exists(path, ec)) {
    return Status::NotFound(
        fmt::format("{}: no state yet (gpalert run has not polled with "
                    "this config)",
                    path));
  }
  SqliteStoreOptions options;
  options.create_if_missing = create;
  return SqliteStore::Open(path, options);
}

}  // namespace gpalert
