// `gpalert inbox --maildir DIR`: one pass of the inbox reader (daemon/inbox_pass.h) over
// the Maildir where the MTA delivers mail for the list's address, with every message in
// new/: bounces (matched by VERP address or failed recipient), and subscribe/unsubscribe
// requests. Safe while the daemon runs (SQLite WAL), though with [mail] inbox_maildir set
// the daemon reads that Maildir itself.
#include <cstdio>
#include <limits>

#include "common/unsafe_text.h"
#include "daemon/cli/command_line.h"
#include "daemon/cli/commands.h"
#include "daemon/inbox_pass.h"

namespace gpalert {

int InboxCommand(const Args& args) {
  CLI::App app{"Read the list address's Maildir: bounces, and subscribe/unsubscribe requests.",
               "gpalert inbox"};
  std::string config_path, maildir;
  AddConfigOption(app, &config_path);
  app.add_option("--maildir", maildir,
                 "the Maildir the MTA delivers the list's mail to (default: [mail] "
                 "inbox_maildir)");
  if (auto rc = ParseCommandLine(app, args)) return *rc;
  auto config = LoadConfigOrReport(config_path);
  if (!config) return 2;
  if (maildir.empty()) maildir = config->mail.inbox_maildir.value_or("");
  if (maildir.empty()) {
    std::fprintf(stderr,
                 "gpalert inbox: no Maildir to read: give --maildir DIR or set [mail] "
                 "inbox_maildir\n");
    return 2;
  }
  Status is_maildir = InboxReader::CheckMaildir(maildir);
  if (!is_maildir.ok()) {
    std::fprintf(stderr, "gpalert inbox: %s\n", is_maildir.message().c_str());
    return 2;
  }
  std::unique_ptr<SqlStore> opened = OpenStateWithKeyOrReport(&*config, "inbox");
  if (!opened) return 1;
  Logger logger(LogLevel::kWarn, nullptr, LogFormat::kText);
  InboxReader reader(maildir, opened.get(), &logger, [](const std::string& line, bool) {
    std::printf("%s\n", EscapeForTerminal(line).c_str());
  });
  auto counts = reader.Pass(*config, NowSeconds(), std::numeric_limits<std::size_t>::max());
  if (!counts.ok()) {
    std::fprintf(stderr, "gpalert inbox: %s\n", counts.status().message().c_str());
    return 1;
  }
  std::printf("%d message(s) processed, %d left in new/\n", counts->processed, counts->left);
  return counts->left > 0 ? 1 : 0;
}

}  // namespace gpalert
