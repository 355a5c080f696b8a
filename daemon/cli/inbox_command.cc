// `gpalert inbox --maildir DIR`: reads the Maildir where the MTA delivers mail for the
// list's address. Delivery status notifications (daemon/inbox_message.h) are matched to
// subscribers by their failed recipient: a hard bounce (5.x.x) twice in 14 days marks the
// subscriber bouncing (no more digests), softer ones are counted. A message whose
// subject is "subscribe" starts the double opt-in for its sender ([signup] must be on);
// "unsubscribe" unsubscribes its sender. Every processed message moves from new/ to
// cur/ with the Seen flag (":2,S"), never deleted; one that cannot be read is left in
// new/ and reported. Safe while the daemon runs (SQLite WAL).
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "alerts/mail/mime_mailbox.h"
#include "common/strings.h"
#include "common/unsafe_text.h"
#include "daemon/cli/command_line.h"
#include "daemon/cli/commands.h"
#include "daemon/http/signup_endpoint.h"
#include "daemon/inbox_message.h"
#include "daemon/unsubscribe_secret.h"

namespace gpalert {
namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kMaxMessageBytes = 10u << 20;

void Say(const std::string& line) { std::printf("%s\n", EscapeForTerminal(line).c_str()); }

// What one message did, in words; an error leaves it in new/.
Result<std::string> Process(const Config& config, const std::string& secret, Store* store,
                            Logger* logger, const InboxMessage& m, Instant now) {
  switch (m.kind) {
    case InboxMessage::Kind::kBounce: {
      std::string out;
      for (const BouncedRecipient& b : m.bounced) {
        auto counts = store->RecordBounce(b.email, b.hard, b.status, now);
        if (!counts.ok()) return counts.status();
        out += fmt::format("{}{} bounce of {} ({}; {} hard, {} soft in 14 days){}",
                           out.empty() ? "" : "; ", b.hard ? "hard" : "soft", b.email,
                           b.status.empty() ? "no status" : b.status, counts->hard, counts->soft,
                           counts->marked_bouncing ? ": now bouncing, digests stopped" : "");
      }
      return out;
    }
    case InboxMessage::Kind::kSubscribe: {
      if (m.from.empty() || !CheckAddrSpec(m.from).ok())
        return std::string("a subscribe request without a usable From address: ignored");
      if (!config.signup.enabled) {
        return fmt::format("a subscribe request from {}: ignored ([signup] is not enabled)",
                           m.from);
      }
      bool queued = false;
      Status s =
          StartSignUp(config, secret, store, logger, m.from, SubscriberSettings(), now, &queued);
      if (!s.ok()) return s;
      return fmt::format("a subscribe request from {}: {}", m.from,
                         queued ? "confirmation mail queued" : "nothing to send");
    }
    case InboxMessage::Kind::kUnsubscribe: {
      if (m.from.empty()) return std::string("an unsubscribe request without From: ignored");
      Status s = store->AddSuppression(m.from, "mail request", now);
      if (!s.ok()) return s;
      return fmt::format("{} unsubscribed (mail request)", m.from);
    }
    case InboxMessage::Kind::kOther:
      break;
  }
  return fmt::format("not a bounce or a request (from {}, subject \"{}\"): left for you to read",
                     m.from.empty() ? "?" : m.from, m.subject);
}

}  // namespace

int InboxCommand(const Args& args) {
  CLI::App app{"Read the list address's Maildir: bounces, and subscribe/unsubscribe requests.",
               "gpalert inbox"};
  std::string config_path, maildir;
  AddConfigOption(app, &config_path);
  app.add_option("--maildir", maildir, "the Maildir the MTA delivers the list's mail to")
      ->required();
  if (auto rc = ParseCommandLine(app, args)) return *rc;
  auto config = LoadConfigOrReport(config_path);
  if (!config) return 2;
  std::error_code ec;
  fs::path new_dir = fs::path(maildir) / "new", cur_dir = fs::path(maildir) / "cur";
  if (!fs::is_directory(new_dir, ec) || !fs::is_directory(cur_dir, ec)) {
    std::fprintf(stderr, "gpalert inbox: %s is not a Maildir (it needs new/ and cur/)\n",
                 maildir.c_str());
    return 2;
  }
  auto opened = OpenStateStore(*config, /*create=*/true);
  if (!opened.ok()) {
    std::fprintf(stderr, "gpalert inbox: %s\n", opened.status().message().c_str());
    return 1;
  }
  auto secret = LoadOrCreateUnsubscribeSecret(config->daemon.state_dir);
  if (!secret.ok()) {
    std::fprintf(stderr, "gpalert inbox: %s\n", secret.status().message().c_str());
    return 1;
  }
  config->mail.unsubscribe_secret = *secret;
  Logger logger(LogLevel::kWarn, nullptr, LogFormat::kText);
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(new_dir, ec))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  int processed = 0, left = 0;
  Instant now = NowSeconds();
  for (const fs::path& file : files) {
    std::string name = file.filename().string();
    std::uintmax_t size = fs::file_size(file, ec);
    std::ifstream in(file, std::ios::binary);
    if (ec || !in || size > kMaxMessageBytes) {
      Say(fmt::format("{}: left in new/: {}", name,
                      size > kMaxMessageBytes ? "larger than 10 MB" : "cannot be read"));
      ++left;
      continue;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    InboxMessage m = ReadInboxMessage(bytes.str());
    auto done = Process(*config, *secret, opened->get(), &logger, m, now);
    if (!done.ok()) {
      Say(fmt::format("{}: left in new/: {}", name, done.status().message()));
      ++left;
      continue;
    }
    std::string base = name.substr(0, name.find(':'));
    fs::rename(file, cur_dir / (base + ":2,S"), ec);
    if (ec) {
      Say(fmt::format("{}: {} (but it could not be moved to cur/: {})", name, *done, ec.message()));
      ++left;
      continue;
    }
    Say(fmt::format("{}: {}", name, *done));
    ++processed;
  }
  std::printf("%d message(s) processed, %d left in new/\n", processed, left);
  return left > 0 ? 1 : 0;
}

}  // namespace gpalert
