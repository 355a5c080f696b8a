// `gpalert check --config FILE`: validates a configuration and prints a short summary
// (exit 0), or the first error as "FILE:LINE:COL: message" on stderr (exit 2).
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>

#include "common/duration.h"
#include "common/url.h"
#include "daemon/cli/command_line.h"
#include "daemon/cli/commands.h"
#include "daemon/config/config.h"

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
  std::fputs(Summary(*config).c_str(), stdout);
  return 0;
}

}  // namespace gpalert
