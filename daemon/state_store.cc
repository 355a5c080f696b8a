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

std::string LeaseHolder(const DaemonOptions& daemon) {
  return daemon.name + "/" + std::to_string(::getpid());
}

std::string StateStoreName(const Config& config) {
  if (config.store.url) return RedactedConnectionString(*config.store.url);
  return StateDatabasePath(config);
}

Result<std::unique_ptr<SqlStore>> OpenStateStore(const Config& config, bool create) {
  SqlStoreOptions options;
  options.identity = config.dedup;
  options.create_if_missing = create;
  options.holder = LeaseHolder(config.daemon);
  std::string path = StateDatabasePath(config);
  std::error_code ec;
  if (create) {
    // With PostgreSQL too: the state directory keeps the Maildir and the signing key.
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
  }
  if (config.store.url) {
    PgConnectOptions connect;
    connect.url = *config.store.url;
    connect.password_file = config.store.password_file;
    return SqlStore::OpenPostgres(connect, options);
  }
  if (create) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd >= 0) ::close(fd);
  } else if (!fs::exists(path, ec)) {
    return Status::NotFound(
        fmt::format("{}: no state yet (gpalert run has not polled with "
                    "this config)",
                    path));
  }
  return SqlStore::Open(path, options);
}

}  // namespace gpalert
