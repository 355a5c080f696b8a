// `gpalert prune [--dry-run]`: applies the config's [retention] now (Store::Prune, as the
// daemon does once an hour) and prints what went; --dry-run counts what would go and
// changes nothing. Safe while the daemon runs (SQLite WAL; batches of 1000 rows, so
// neither side holds the write lock for long). The file keeps its size: freed pages are
// reused by new rows; `sqlite3 FILE VACUUM` with the daemon stopped gives them back.
#include <cstdio>
#include <string>

#include "daemon/cli/command_line.h"
#include "daemon/cli/commands.h"
#include "daemon/state_store.h"
#include "daemon/subscriber_roster.h"

namespace gpalert {

int PruneCommand(const Args& args) {
  CLI::App app{
      "Delete what [retention] no longer keeps: old sent mail, articles no pending digest "
      "needs, expired dedup keys.",
      "gpalert prune"};
  std::string config_path;
  AddConfigOption(app, &config_path);
  bool dry_run = false;
  app.add_flag("--dry-run,-n", dry_run, "count what would go, change nothing");
  if (auto rc = ParseCommandLine(app, args)) return *rc;
  auto config = LoadConfigOrReport(config_path);
  if (!config) return 2;
  std::unique_ptr<SqlStore> store = OpenStateOrReport(*config, "prune");
  if (!store) return 1;
  Instant now = NowSeconds();
  auto policy = RetentionFor(*config, store.get());
  if (!policy.ok()) {
    std::fprintf(stderr, "gpalert prune: %s\n", policy.status().message().c_str());
    return policy.status().ExitCode();
  }
  auto counts = dry_run ? store->CountPrunable(*policy, now) : store->Prune(*policy, now);
  if (!counts.ok()) {
    std::fprintf(stderr, "gpalert prune: %s\n", counts.status().message().c_str());
    return counts.status().ExitCode();
  }
  std::printf("%s%s\n", dry_run ? "dry run, nothing changed: " : "",
              DescribePruneCounts(*counts).c_str());
  if (!dry_run && counts->Any() && !config->store.url) {
    std::printf(
        "%s keeps its size (new rows reuse the freed pages); to give the space back, stop "
        "the daemon and run: sqlite3 %s VACUUM\n",
        StateDatabasePath(*config).c_str(), StateDatabasePath(*config).c_str());
  }
  return 0;
}

}  // namespace gpalert
