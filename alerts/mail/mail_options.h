// MailOptions: the [mail] section of the config — how digests are addressed and sent.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

namespace gpalert {

// The largest [mail] summary_chars: the poll keeps summaries this long
// (parsers/item/poll_item.h, kStoredSummaryChars; daemon/article_record.cc checks both agree).
constexpr std::size_t kMaxSummaryChars = 2000;

enum class StartTls { kOpportunistic, kRequired, kOff };

struct MailOptions {
  std::string from = "GP Alerts <alerts@localhost>";  // From header (display name + address)
  // smtp://host:port or smtps://host:port; nullopt = write into <state_dir>/maildir.
  std::optional<std::string> smtp;
  std::optional<std::string> username;
  std::optional<std::string> password_file;  // file holding the SMTP password (first line)
  StartTls starttls = StartTls::kOpportunistic;
  // The whole SMTP transaction of one message, connect to the server's last reply: a
  // server that stalls (after the final "." say) costs this much, then the outbox moves
  // on to the next message and retries this one later.
  std::chrono::seconds send_timeout{60};
  // One digest message lists at most this many articles and is at most about this many
  // bytes; more pending articles go out as numbered parts ("part 2 of 3") in the same
  // pass, so a 100,000-item feed never makes one message a server refuses.
  std::size_t digest_max_articles = 200;
  std::size_t digest_max_bytes = 2 * 1000 * 1000;  // "2MB"
  std::string subject = "GP Alert: {count} new from {sources}";
  // A summary in a digest is cut at about this many bytes (on a word, with an ellipsis).
  std::size_t summary_chars = 600;
  // Full-text entries (subscriber content = "full") of one digest message take at most
  // about this many bytes of article text and HTML; the entries past it show their
  // summary and a "continue reading" link instead.
  std::size_t max_full_text_bytes = 500 * 1000;  // "500KB"
  std::optional<std::string> unsubscribe_url;    // base URL for one-click unsubscribe tokens
  // The public base of every link gpalert mails (sign-up confirmation, manage page), no
  // trailing slash: "https://alerts.example.org". Without unsubscribe_url, the loader
  // sets that to <public_url>/unsubscribe.
  std::optional<std::string> public_url;
  // The envelope sender (VERP, alerts/mail/verp_address.h) of every message when set:
  // "bounces@example.org" sends as bounces+<token>@example.org, where bounces come back
  // for `gpalert inbox` (or the daemon, with inbox_maildir) to match to their subscriber.
  std::optional<std::string> bounce_address;
  // The Maildir the MTA delivers the list's mail to (bounces, requests): the daemon
  // reads it every inbox_interval when set, at most inbox_batch messages a pass.
  std::optional<std::string> inbox_maildir;
  std::chrono::seconds inbox_interval{60};
  std::size_t inbox_batch = 200;
  std::string maildir;  // resolved <state_dir>/maildir when smtp is unset
  // Key of the HMAC in unsubscribe tokens (alerts/unsubscribe_token.h). Not in the TOML: the
  // daemon fills it from a secret kept in the state dir; empty = unkeyed (forgeable) tokens.
  std::string unsubscribe_secret;
};

}  // namespace gpalert
