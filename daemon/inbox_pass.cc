#include "daemon/inbox_pass.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <vector>

#include "alerts/mail/maildir_mailer.h"
#include "alerts/mail/mime_mailbox.h"
#include "alerts/mail/verp_address.h"
#include "common/strings.h"
#include "daemon/inbox_message.h"
#include "daemon/signup_start.h"

namespace gpalert {
namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kMaxMessageBytes = 10u << 20;

// Who a bounce is for when it came back to a VERP address: kNone when it did not (or
// no bounce_address is set), else the token's verdict and, when valid, the subscriber.
struct VerpTarget {
  VerpMatch::Kind kind = VerpMatch::Kind::kNone;
  std::string email;
  std::int64_t outbox_id = 0;
  std::string address;
  std::string problem;  // valid token, but no subscriber to be found
};

Result<VerpTarget> FindVerpTarget(const Config& config, Store* store, const InboxMessage& m) {
  VerpTarget t;
  if (!config.mail.bounce_address) return t;
  for (const std::string& address : m.delivered_to) {
    VerpMatch match =
        ReadVerpAddress(address, *config.mail.bounce_address, config.mail.unsubscribe_secret);
    if (match.kind == VerpMatch::Kind::kNone) continue;
    t.kind = match.kind;
    t.address = match.address;
    t.outbox_id = match.outbox_id;
    t.email = match.recipient;
    if (match.kind == VerpMatch::Kind::kValid && t.email.empty()) {
      auto row = store->GetOutbox(match.outbox_id);
      if (!row.ok()) return row.status();
      if (*row) {
        t.email = (*row)->subscriber;
      } else {
        t.problem = fmt::format("outbox message {} is no longer in the store", match.outbox_id);
      }
    }
    return t;
  }
  return t;
}

std::string DescribeBounce(const std::string& email, bool hard, const std::string& status,
                           const Store::BounceCounts& counts, const std::string& via) {
  return fmt::format("{} bounce of {} ({}{}; {} hard, {} soft in 14 days){}",
                     hard ? "hard" : "soft", email, status.empty() ? "no status" : status, via,
                     counts.hard, counts.soft,
                     counts.marked_bouncing ? ": now bouncing, digests stopped" : "");
}

// A message that came back to a VERP address we signed: a bounce of that subscriber's
// mail, whatever recipient the report names (a forwarded address), or none.
Result<std::string> VerpBounce(Store* store, const InboxMessage& m, const VerpTarget& t,
                               Instant now) {
  bool hard = false;
  std::string status, named;
  for (const BouncedRecipient& b : m.bounced) {
    if (b.hard && !hard) {
      hard = true;
      status = b.status;
    } else if (status.empty() && !hard) {
      status = b.status;
    }
    if (!EqualsIgnoreCase(b.email, t.email) && named.empty()) named = b.email;
  }
  if (m.bounced.empty()) {
    if (!m.report_like) {
      return fmt::format(
          "a message to {}'s bounce address {} that is no failure report (an auto-reply?): "
          "nothing recorded",
          t.email, t.address);
    }
    status = m.body_status;
    hard = !status.empty() && status[0] == '5';
  }
  auto counts = store->RecordBounce(t.email, hard, status, now);
  if (!counts.ok()) return counts.status();
  std::string via = fmt::format("; by its VERP address, outbox message {}", t.outbox_id);
  if (!named.empty()) via += "; the report names " + named;
  return DescribeBounce(t.email, hard, status, *counts, via);
}

// What one message did, in words; an error (the store's) leaves it in new/.
Result<std::string> Process(const Config& config, Store* store, Logger* logger,
                            const InboxMessage& m, Instant now, int* queued_mail) {
  auto verp = FindVerpTarget(config, store, m);
  if (!verp.ok()) return verp.status();
  if (verp->kind == VerpMatch::Kind::kForged) {
    return fmt::format(
        "came back to {}, whose VERP token is not one gpalert signed (forged, or made with "
        "another key): ignored",
        verp->address);
  }
  if (verp->kind == VerpMatch::Kind::kValid) {
    if (!verp->problem.empty())
      return fmt::format("a bounce to {}: {}; nothing recorded", verp->address, verp->problem);
    return VerpBounce(store, m, *verp, now);
  }
  switch (m.kind) {
    case InboxMessage::Kind::kBounce: {
      std::string out;
      for (const BouncedRecipient& b : m.bounced) {
        auto counts = store->RecordBounce(b.email, b.hard, b.status, now);
        if (!counts.ok()) return counts.status();
        out += (out.empty() ? "" : "; ") + DescribeBounce(b.email, b.hard, b.status, *counts, "");
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
      Status s = StartSignUp(config, config.mail.unsubscribe_secret, store, logger, m.from,
                             SubscriberSettings(), now, &queued);
      if (!s.ok()) return s;
      if (queued) ++*queued_mail;
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

std::optional<std::string> ReadMessageFile(const fs::path& file, std::string* why) {
  std::error_code ec;
  std::uintmax_t size = fs::file_size(file, ec);
  std::ifstream in(file, std::ios::binary);
  if (ec || !in) {
    *why = "cannot be read";
    return std::nullopt;
  }
  if (size > kMaxMessageBytes) {
    *why = "larger than 10 MB";
    return std::nullopt;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return std::move(bytes).str();
}

}  // namespace

InboxReader::InboxReader(std::string maildir, Store* store, Logger* logger, Report report)
    : maildir_(std::move(maildir)), store_(store), logger_(logger), report_(std::move(report)) {}

Status InboxReader::CheckMaildir(const std::string& maildir) {
  if (IsMaildir(maildir)) return Status::Ok();
  return Status::InvalidArgument(
      fmt::format("{} is not a Maildir (it needs new/ and cur/): point it at the Maildir your "
                  "MTA delivers the list's mail to",
                  maildir));
}

Result<InboxPassCounts> InboxReader::Pass(const Config& config, Instant now,
                                          std::size_t max_messages,
                                          std::optional<std::chrono::milliseconds> budget) {
  auto started = std::chrono::steady_clock::now();
  Status maildir = CheckMaildir(maildir_);
  if (!maildir.ok()) return maildir;
  fs::path new_dir = fs::path(maildir_) / "new", cur_dir = fs::path(maildir_) / "cur";
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(new_dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && !skipped_.count(it->path().filename().string()))
      files.push_back(it->path());
  }
  if (ec) return Status::IoError(fmt::format("cannot list {}: {}", new_dir.string(), ec.message()));
  std::sort(files.begin(), files.end());
  InboxPassCounts counts;
  if (files.size() > max_messages) {
    counts.waiting = static_cast<int>(files.size() - max_messages);
    files.resize(max_messages);
  }
  for (std::size_t k = 0; k < files.size(); ++k) {
    if (budget && k > 0 && std::chrono::steady_clock::now() - started >= *budget) {
      counts.waiting += static_cast<int>(files.size() - k);
      break;
    }
    const fs::path& file = files[k];
    std::string name = file.filename().string();
    std::string why;
    std::optional<std::string> bytes = ReadMessageFile(file, &why);
    if (!bytes) {
      report_(fmt::format("{}: left in new/: {}", name, why), true);
      skipped_.insert(name);
      ++counts.left;
      continue;
    }
    InboxMessage m = ReadInboxMessage(*bytes);
    auto done = Process(config, store_, logger_, m, now, &counts.queued);
    if (!done.ok()) {
      report_(fmt::format("{}: left in new/: {}", name, done.status().message()), true);
      return done.status();
    }
    std::string base = name.substr(0, name.find(':'));
    fs::rename(file, cur_dir / (base + ":2,S"), ec);
    if (ec) {
      report_(
          fmt::format("{}: {} (but it could not be moved to cur/: {})", name, *done, ec.message()),
          true);
      skipped_.insert(name);
      ++counts.left;
      continue;
    }
    report_(fmt::format("{}: {}", name, *done), false);
    ++counts.processed;
  }
  return counts;
}

}  // namespace gpalert
