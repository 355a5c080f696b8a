// `gpalert migrate --from sqlite:///var/lib/gpalert/gpalert.db --to postgresql://...`:
// moves an installation's state (sources, articles and their identity index, subscribers
// and consent records, deliveries, the outbox, suppressions, bounces) from its SQLite
// file into an empty PostgreSQL database, in one transaction, and the state directory's
// link-signing key with it, so links in digests already mailed keep working. Stop the
// daemon first; afterwards set [store] url and start it (docs/STORE.md, "Moving to
// PostgreSQL").
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <string>

#include "common/unsafe_text.h"
#include "daemon/cli/command_line.h"
#include "daemon/cli/commands.h"
#include "daemon/unsubscribe_secret.h"
#include "store/pg_connection.h"
#include "store/sql_store.h"
#include "store/sqlite_connection.h"
#include "store/store_copy.h"

namespace gpalert {
namespace {

int Fail(const Status& s) {
  std::fprintf(stderr, "gpalert migrate: %s\n", EscapeForTerminal(s.message()).c_str());
  return s.ExitCode();
}

}  // namespace

int MigrateCommand(const Args& args) {
  CLI::App app{
      "Move the state from an SQLite file into an empty PostgreSQL database (stop the daemon "
      "first; then set [store] url).",
      "gpalert migrate"};
  std::string from;
  std::string to;
  std::optional<std::string> password_file;
  app.add_option("--from", from, "sqlite:///PATH/gpalert.db (or the file's path)")->required();
  app.add_option("--to", to, "postgresql://USER@HOST/DATABASE (libpq URI)")->required();
  app.add_option("--password-file", password_file,
                 "a file whose first line is the PostgreSQL password");
  if (auto rc = ParseCommandLine(app, args)) return *rc;

  std::string path = from.rfind("sqlite://", 0) == 0 ? from.substr(9) : from;
  if (!std::filesystem::exists(path)) {
    return Fail(Status::InvalidArgument(path + ": no such file (--from names the state "
                                               "database, e.g. sqlite:///var/lib/gpalert/"
                                               "gpalert.db)"));
  }
  if (to.rfind("postgresql://", 0) != 0 && to.rfind("postgres://", 0) != 0) {
    return Fail(Status::InvalidArgument("--to must be a postgresql:// URI"));
  }
  PgConnectOptions connect;
  connect.url = to;
  connect.password_file = password_file;
  // Both at this binary's schema version: opening them as stores migrates them.
  {
    SqlStoreOptions options;
    options.create_if_missing = false;
    auto source = SqlStore::Open(path, options);
    if (!source.ok()) return Fail(source.status());
    auto target = SqlStore::OpenPostgres(connect);
    if (!target.ok()) return Fail(target.status());
  }
  auto source = SqliteConnection::Open(path, false, std::chrono::milliseconds(5000));
  if (!source.ok()) return Fail(source.status());
  auto target = PgConnection::Open(connect);
  if (!target.ok()) return Fail(target.status());
  Result<CopyCounts> counts = CopySqliteToPostgres(source->get(), target->get());
  if (!counts.ok()) return Fail(counts.status());
  std::int64_t all = 0;
  for (const auto& [table, n] : *counts) {
    std::printf("%-22s %lld\n", table.c_str(), static_cast<long long>(n));
    all += n;
  }
  // The state directory's key signs the links already mailed: every daemon uses it now.
  std::string state_dir = std::filesystem::path(path).parent_path().string();
  if (std::filesystem::exists(std::filesystem::path(state_dir) / kUnsubscribeKeyFile)) {
    auto store = SqlStore::OpenPostgres(connect);
    if (!store.ok()) return Fail(store.status());
    auto key = LoadSigningKey(state_dir, store->get());
    if (!key.ok()) return Fail(key.status());
    std::printf("%-22s the signing key of %s\n", "shared key", state_dir.c_str());
  }
  std::printf("%lld rows copied from %s into %s; set [store] url to it and start gpalert\n",
              static_cast<long long>(all), path.c_str(), (*target)->name().c_str());
  return 0;
}

}  // namespace gpalert
