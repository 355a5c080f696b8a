// gpalert: one binary, many subcommands. Dispatch only; each command lives in its own file.
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "daemon/cli/commands.h"

namespace {

constexpr const char* kUsage =
    "usage: gpalert <command> [options]\n"
    "\n"
    "commands:\n"
    "  run      [--once]                   poll sources and mail digests (the daemon)\n"
    "  check                               validate a configuration\n"
    "  sources                             per-source health: last poll, status, errors\n"
    "  preview  --subscriber EMAIL         print the next digest, send nothing\n"
    "  outbox   list|show ID|retry ID|all|purge --parked   the mail queue\n"
    "  prune    [--dry-run]                delete what [retention] no longer keeps\n"
    "  subscribers list|show|add|remove|export|import   the subscriber list\n"
    "  inbox    --maildir DIR              read bounces and (un)subscribe requests\n"
    "  mail-test --to ADDRESS              send one test message, print the reply\n"
    "  feed     [--url URL] [--header 'N: v']... FILE       parse a feed, print JSON\n"
    "  extract  [--url URL] [--header 'N: v']... [--explain] FILE|URL\n"
    "                                      extract an article, print JSON (--explain: why\n"
    "                                      each block was kept or dropped)\n"
    "  similar  [--config F] A B [C D ...]  are pages duplicates to the daemon? JSON\n"
    "  migrate  --from sqlite:///PATH --to postgresql://...   move the state to PostgreSQL\n"
    "\n"
    "run, check, sources, preview, outbox, prune, subscribers, inbox and mail-test read\n"
    "--config FILE, else "
    "$GPALERT_CONFIG, else /etc/gpalert/gpalert.toml.\n"
    "gpalert help COMMAND (or gpalert COMMAND --help) shows a command's options;\n"
    "gpalert --version (-V) its version. See gpalert(1) and gpalert.toml(5).\n";

}  // namespace

namespace {

int Dispatch(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  std::string cmd = argv[1];
  gpalert::Args rest(argv + 2, argv + argc);
  if (cmd == "--version" || cmd == "-V" || cmd == "version") {
    std::printf("gpalert %s\n", GPALERT_VERSION_STRING);
    return 0;
  }
  if (cmd == "help" && argc > 2) {
    // "gpalert help run" is "gpalert run --help".
    cmd = argv[2];
    rest = {"--help"};
    if (cmd == "help") cmd = "--help";
  }
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (cmd == "run") return gpalert::RunCommand(rest);
  if (cmd == "check") return gpalert::CheckCommand(rest);
  if (cmd == "sources") return gpalert::SourcesCommand(rest);
  if (cmd == "outbox") return gpalert::OutboxCommand(rest);
  if (cmd == "prune") return gpalert::PruneCommand(rest);
  if (cmd == "subscribers") return gpalert::SubscribersCommand(rest);
  if (cmd == "inbox") return gpalert::InboxCommand(rest);
  if (cmd == "mail-test") return gpalert::MailTestCommand(rest);
  if (cmd == "preview") return gpalert::PreviewCommand(rest);
  if (cmd == "feed") return gpalert::FeedCommand(rest);
  if (cmd == "extract") return gpalert::ExtractCommand(rest);
  if (cmd == "similar") return gpalert::SimilarCommand(rest);
  if (cmd == "migrate") return gpalert::MigrateCommand(rest);
  std::fprintf(stderr, "gpalert: unknown command \"%s\"\n\n%s", cmd.c_str(), kUsage);
  return 2;
}

}  // namespace

// The last barrier: an exception no command caught is reported and ends the process
// with exit code 1, not std::terminate's abort.
int main(int argc, char** argv) {
  try {
    return Dispatch(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gpalert: internal error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "gpalert: internal error (unknown exception)\n");
  }
  return 1;
}
