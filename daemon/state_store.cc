#include "daemon/state_store.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

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
    bool made = fs::create_directories(config.daemon.state_dir, ec);
    if (ec) {
      return Status::IoError(fmt::format(
          "{}: cannot create the state directory: {} (set [daemon] state_dir to a writable "
          "directory)",
          config.daemon.state_dir, ec.message()));
    }
    // The database holds subscribers' addresses: the daemon's user only (SQLite gives its
    // -wal and -shm files the database file's mode). A directory we made is 0750.
    if (made) fs::permissions(config.daemon.state_dir, fs::perms(0750), ec);
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd >= 0) ::close(fd);
  } else if (!fs::exists(path, ec)) {
    return Status::NotFound(
        fmt::format("{}: no state yet (gpalert run has not polled with "
                    "this config)",
                    path));
  }
  SqliteStoreOptions options;
  options.identity = config.dedup;
  options.create_if_missing = create;
  return SqliteStore::Open(path, options);
}

}  // namespace gpalert
