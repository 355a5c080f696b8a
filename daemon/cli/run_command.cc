// `gpalert run --config FILE [--once] [--log-level LEVEL]`: the daemon. Builds the parts
// (state store, outbox worker and mailer, HTTP fetcher on an io_context) and runs the
// Service until SIGTERM/SIGINT (or, with --once, until one round is done). SIGHUP
// reloads the config: a bad edit is logged with its FILE:LINE:COL and the running
// config stays; a changed mail transport gets a new mailer and outbox worker. Exit 0 when done, 1
// on a runtime failure, 2 on bad usage or config.
#include <fmt/format.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "alerts/mail/mailer_factory.h"
#include "alerts/mail/outbox_worker.h"
#include "common/duration.h"
#include "daemon/cli/command_line.h"
#include "daemon/cli/commands.h"
#include "daemon/config/restart_keys.h"
#include "daemon/http/http_endpoint.h"
#include "daemon/service.h"
#include "daemon/systemd_notifier.h"
#include "fetchers/http_fetcher.h"

namespace gpalert {
namespace {

FetcherOptions FetcherOptionsFor(const DaemonOptions& daemon) {
  FetcherOptions options;
  options.user_agent = daemon.user_agent;
  options.concurrency = daemon.concurrency;
  options.per_host = daemon.per_host;
  return options;
}

bool MailTransportChanged(const MailOptions& a, const MailOptions& b) {
  // The mailer holds the envelope sender and the timeout too.
  return a.smtp != b.smtp || a.maildir != b.maildir || a.username != b.username ||
         a.password_file != b.password_file || a.starttls != b.starttls || a.from != b.from ||
         a.send_timeout != b.send_timeout || a.bounce_address != b.bounce_address;
}

void PrintSummary(const Config& config, const RunStats& s) {
  std::printf(
      "gpalert: polled %d source(s), %d failed; %d new article(s); %d digest(s) queued; "
      "%d sent, %d to retry, %d parked (mail via %s)\n",
      s.polls, s.failed_polls, s.new_articles, s.digests, s.sent, s.retrying, s.parked,
      MailDestination(config.mail).c_str());
}

}  // namespace

int RunCommand(const Args& args) {
  CLI::App app{
      "Poll the configured sources and mail digests: as a daemon until SIGTERM "
      "(SIGHUP reloads the config), or one round with --once.",
      "gpalert run"};
  std::string config_path, log_level;
  bool once = false;
  AddConfigOption(app, &config_path);
  app.add_flag("--once", once,
               "poll every source once (whatever its next poll time), run the digest pass, "
               "try every pending message, then exit");
  std::vector<std::string> only_sources;
  bool no_send = false;
  app.add_option("--source", only_sources,
                 "with --once: poll only this source (repeat for more), by its name")
      ->needs("--once");
  app.add_flag("--no-send", no_send,
               "poll and record, but draft and send no digest (a dry run; what is recorded "
               "is mailed by the next run that sends)");
  app.add_option("--log-level", log_level,
                 "debug, info, warn, error or off (default: "
                 "[daemon] log_level, else info)");
  if (auto rc = ParseCommandLine(app, args)) return *rc;
  auto config = LoadConfigOrReport(config_path);
  if (!config) return 2;
  for (const std::string& name : only_sources) {
    bool known = false;
    for (const SourceConfig& s : config->sources) known = known || s.name == name;
    if (!known) {
      std::fprintf(stderr,
                   "gpalert run: --source \"%s\" is not a source in %s (see `gpalert sources`)\n",
                   name.c_str(), config->path.c_str());
      return 2;
    }
  }

  LogLevel level = LogLevel::kInfo;
  std::string level_name = log_level.empty() ? config->daemon.log_level : log_level;
  if (!ParseLogLevel(level_name, &level)) {
    std::fprintf(stderr,
                 "gpalert run: unknown log level \"%s\" (use debug, info, warn, error "
                 "or off)\n",
                 level_name.c_str());
    return 2;
  }
  // Under systemd, stderr goes to the journal: priority prefixes, journald's own time.
  LogFormat format = LogFormat::kText;
  ParseLogFormat(config->daemon.log_format, &format);
  if (format == LogFormat::kText && StderrIsJournal()) format = LogFormat::kJournal;
  Logger logger(level, nullptr, format);
  SystemdNotifier notifier;
  for (const std::string& warning : config->warnings) logger.Warn("{}", warning);

  std::unique_ptr<SqlStore> store = OpenStateWithKeyOrReport(&*config, "run");
  if (!store) return 1;
  const std::string secret = config->mail.unsubscribe_secret;  // kept across reloads
  auto outbox_store = OpenStateStore(*config, /*create=*/true);
  if (!outbox_store.ok()) {
    std::fprintf(stderr, "gpalert run: %s\n", outbox_store.status().message().c_str());
    return 1;
  }
  auto mailer = MakeMailer(config->mail);
  if (!mailer.ok()) {
    std::fprintf(stderr, "gpalert run: %s\n", mailer.status().message().c_str());
    return mailer.status().ExitCode();
  }
  // Mailers and outbox workers live until the end: a reload that changes the transport
  // adds a new pair, and a drain under way may still use the old one.
  std::vector<std::unique_ptr<Mailer>> mailers;
  std::vector<std::unique_ptr<OutboxWorker>> outboxes;
  mailers.push_back(std::move(mailer).value());
  outboxes.push_back(
      std::make_unique<OutboxWorker>(outbox_store.value().get(), mailers.back().get(), &logger));

  boost::asio::io_context io;
  HttpFetcher fetcher(io, FetcherOptionsFor(config->daemon), &logger);
  ServiceContext parts;
  parts.io = &io;
  parts.fetcher = &fetcher;
  parts.store = store.get();
  parts.outbox = outboxes.back().get();
  parts.outbox_store = outbox_store.value().get();
  parts.logger = &logger;
  std::random_device entropy;
  parts.jitter_seed = (std::uint64_t{entropy()} << 32) ^ entropy();
  Config running = *config;
  Status result;
  RunStats stats;
  {
    Service service(*config, parts);
    boost::asio::signal_set signals(io, SIGINT, SIGTERM, SIGHUP);
    std::unique_ptr<HttpEndpoint> http_endpoint;  // daemon.http_listen; destroyed first
    if (config->daemon.http_listen && !once) {
      auto started = HttpEndpoint::Start(io, *config, &service, &logger);
      if (!started.ok()) {
        std::fprintf(stderr, "gpalert run: %s\n", started.status().message().c_str());
        return 1;
      }
      http_endpoint = std::move(started).value();
    }
    std::function<void()> wait_for_signal = [&] {
      signals.async_wait([&](const boost::system::error_code& ec, int signo) {
        if (ec) return;  // cancelled: the service has finished
        if (signo == SIGHUP) {
          notifier.Reloading();
          // READY=1 when the reload is done, whether it was applied or refused.
          struct ReadyAgain {
            const SystemdNotifier& n;
            ~ReadyAgain() { n.Ready(); }
          } ready_again{notifier};
          auto fresh = LoadConfig(config_path);
          if (!fresh.ok()) {
            logger.Error("reload refused, the running configuration stays: {}",
                         fresh.status().message());
          } else {
            fresh->mail.unsubscribe_secret = secret;
            std::vector<std::string> later = RestartOnlyChanges(running, *fresh);
            if (!later.empty()) {
              logger.Warn(
                  "reload: {} changed in {}: the running value stays until the daemon is "
                  "restarted (the rest of the file is applied now)",
                  fmt::join(later, ", "), config_path);
            }
            if (MailTransportChanged(running.mail, fresh->mail)) {
              auto new_mailer = MakeMailer(fresh->mail);
              if (!new_mailer.ok()) {
                logger.Error("reload refused, the running configuration stays: {}",
                             new_mailer.status().message());
                wait_for_signal();
                return;
              }
              mailers.push_back(std::move(new_mailer).value());
              outboxes.push_back(std::make_unique<OutboxWorker>(outbox_store.value().get(),
                                                                mailers.back().get(), &logger));
              service.ReplaceOutbox(outboxes.back().get());
              logger.Info("reload: mail now goes via {}", MailDestination(fresh->mail));
            }
            if (http_endpoint) http_endpoint->Reload(fresh.value());
            running = *fresh;
            service.Reload(std::move(fresh).value());
          }
        } else {
          logger.Info("signal {}: stopping", signo == SIGTERM ? "SIGTERM" : "SIGINT");
          notifier.Stopping();
          service.Stop();
        }
        wait_for_signal();
      });
    };
    wait_for_signal();
    logger.Info("gpalert {}: {} source(s), {} subscriber(s), state {}, mail via {}",
                once ? "run --once" : "running", config->sources.size(), config->subscribers.size(),
                StateStoreName(*config), MailDestination(config->mail));
    if (!once) {
      if (auto interval = notifier.WatchdogInterval()) {
        service.EnableHeartbeat(*interval, [&notifier] { notifier.Watchdog(); });
        logger.Info("systemd watchdog: a ping every {} ms from the writer thread",
                    interval->count() / 1000);
      }
      service.OnStatus([&notifier](const std::string& line) { notifier.Status(line); });
    }
    service.Limit({only_sources.begin(), only_sources.end()}, no_send);
    service.Start(once ? ServiceMode::kOnce : ServiceMode::kDaemon,
                  [&](const Status& status, const RunStats& run_stats) {
                    result = status;
                    stats = run_stats;
                    signals.cancel();
                    if (http_endpoint) http_endpoint->Stop();
                  });
    // The store is open and the listener bound: ready to serve.
    if (!once) notifier.Ready();
    io.run();
  }
  if (once) PrintSummary(*config, stats);
  logger.Info(
      "stopped after {} poll(s) ({} failed), {} new article(s), {} digest(s) queued, "
      "{} sent",
      stats.polls, stats.failed_polls, stats.new_articles, stats.digests, stats.sent);
  if (!result.ok()) return 1;
  if (once && stats.polls > 0 && stats.failed_polls == stats.polls) {
    // A round in which nothing could be polled is a failure for cron or a timer unit to
    // see (the network or every site down, a proxy gone), not a quiet success.
    std::fprintf(stderr,
                 "gpalert run: every source polled failed (%d of %d): see the log above for "
                 "each one's URL and reason\n",
                 stats.failed_polls, stats.polls);
    return 1;
  }
  return 0;
}

}  // namespace gpalert
