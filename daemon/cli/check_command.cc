// `gpalert check --config FILE`: validates a configuration and prints a short summary
// (exit 0), or the first error as "FILE:LINE:COL: message" on stderr (exit 2). With
// [store] url it also connects to PostgreSQL and reads the schema version, changing
// nothing: a refused connection or a newer schema is exit 1, in words.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>

#include "common/duration.h"
#include "common/unsafe_text.h"
#include "common/url.h"
#include "daemon/cli/command_line.h"
#include "daemon/cli/commands.h"
#include "daemon/config/config.h"
#include "store/migrations.h"
#include "store/pg_connection.h"

namespace gpalert {
namespace {

std::string Bounces(const MailOptions& mail) {
  std::string envelope =
      mail.bounce_address
          ? fmt::format("return to {} (VERP: {}+<token>@{})", *mail.bounce_address,
                        mail.bounce_address->substr(0, mail.bounce_address->rfind('@')),
                        mail.bounce_address->substr(mail.bounce_address->rfind('@') + 1))
          : std::string("return to the From address (no bounce_address)");
  std::string inbox =
      mail.inbox_maildir
          ? fmt::format("the daemon reads the Maildir {} every {}, {} at a time",
                        *mail.inbox_maildir, FormatDuration(mail.inbox_interval), mail.inbox_batch)
          : std::string("no inbox_maildir (run gpalert inbox by hand)");
  return envelope + "; " + inbox;
}

std::string Summary(const Config& config) {
  auto feeds = std::count_if(config.sources.begin(), config.sources.end(),
                             [](const SourceConfig& s) { return s.type == SourceType::kFeed; });
  int by_schedule[3] = {0, 0, 0};
  for (const auto& sub : config.subscribers) ++by_schedule[static_cast<int>(sub.digest)];
  std::string mail =
      config.mail.smtp
          ? fmt::format("SMTP {}",
                        SplitUrl(*config.mail.smtp).authority.value_or(*config.mail.smtp))
          : fmt::format("Maildir {}", config.mail.maildir);
  const RetentionPolicy& r = config.retention;
  auto plural = [](size_t n, const char* word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
  };
  return fmt::format(
      "{}: OK\n"
      "  {} ({}, {}), polled every {} by default\n"
      "  {} ({} immediate, {} daily, {} weekly)\n"
      "  mail via {} from {}\n"
      "  bounces: {}\n"
      "  state dir {}\n"
      "  kept: sent mail {} (rows {}), articles {} (pending ones up to {}), dedup keys {}\n"
      "  duplicates: {}\n",
      config.path, plural(config.sources.size(), "source"), plural(feeds, "feed"),
      plural(config.sources.size() - feeds, "page"), FormatDuration(config.daemon.poll_interval),
      plural(config.subscribers.size(), "subscriber"), by_schedule[0], by_schedule[1],
      by_schedule[2], mail, config.mail.from, Bounces(config.mail), config.daemon.state_dir,
      FormatDuration(r.outbox), FormatDuration(2 * r.outbox), FormatDuration(r.articles),
      FormatDuration(2 * r.articles), FormatDuration(r.dedup),
      config.dedup.threshold > 0
          ? fmt::format("same GUID, URL or text, or a near-identical text (similarity >= {})",
                        config.dedup.threshold)
          : std::string("same GUID, URL or text (near-duplicates off)"));
}

// [store] url: connects and reads the schema version, changing nothing. Words for what
// is wrong (*ok false), or the summary's store line.
std::string DescribeStore(const Config& config, bool* ok) {
  *ok = true;
  if (!config.store.url) return "";
  PgConnectOptions connect;
  connect.url = *config.store.url;
  connect.password_file = config.store.password_file;
  Result<std::unique_ptr<PgConnection>> db = PgConnection::Open(connect);
  if (!db.ok()) {
    *ok = false;
    return db.status().message();
  }
  Result<std::optional<int>> version = StoredSchemaVersion(db->get());
  if (!version.ok()) {
    *ok = false;
    return version.status().message();
  }
  int newest = Migrations().back().version;
  std::string name = (*db)->name();
  if (!version->has_value() || **version == 0) {
    return fmt::format(
        "  store {}: empty (the daemon makes the schema, version {}, on its "
        "first run)\n",
        name, newest);
  }
  if (**version > newest) {
    *ok = false;
    return fmt::format(
        "{}: schema version {} is newer than this gpalert understands ({}): run "
        "a newer gpalert or point [store] url at another database",
        name, **version, newest);
  }
  if (**version < newest) {
    return fmt::format(
        "  store {}: schema version {} (the daemon migrates it to {} when it "
        "starts)\n",
        name, **version, newest);
  }
  return fmt::format("  store {}: schema version {}\n", name, newest);
}

}  // namespace

int CheckCommand(const Args& args) {
  CLI::App app{
      "Validate a gpalert configuration: exit 0 with a summary (and warnings for what is "
      "legal but surely not meant, on stderr), or exit 2 with every error as "
      "FILE:LINE:COL: message.",
      "gpalert check"};
  std::string config_path;
  AddConfigOption(app, &config_path);
  if (auto rc = ParseCommandLine(app, args)) return *rc;
  std::optional<Config> config = LoadConfigOrReport(config_path);
  if (!config) return 2;
  for (const std::string& warning : config->warnings) std::fprintf(stderr, "%s\n", warning.c_str());
  bool store_ok = true;
  std::string store = DescribeStore(*config, &store_ok);
  if (!store_ok) {
    std::fprintf(stderr, "%s: %s\n", config->path.c_str(), EscapeForTerminal(store).c_str());
    return 1;
  }
  std::fputs((Summary(*config) + store).c_str(), stdout);
  return 0;
}

}  // namespace gpalert
