// SmtpMailer: delivers outbox messages over SMTP with libcurl's easy interface
// (smtp:// or smtps://, STARTTLS as configured, AUTH when a username is set), one
// recipient per transaction. Tells SMTP 4xx (retry later) from 5xx (permanent) by the
// server's reply code, and keeps the reply text for the outbox row and logs.
// Send() blocks for up to connect_timeout + timeout (about a second once its cancel flag
// is raised): call it from the mail worker thread.
// One SmtpMailer is used by one thread at a time; it owns no connection between sends.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "alerts/mail/mail_options.h"
#include "alerts/mail/mailer.h"

namespace gpalert {

struct SmtpMailerOptions {
  // smtp://host[:port][/ehlo-name] or smtps://host[:port][/ehlo-name].
  std::string url = "smtp://127.0.0.1:25";
  // Bare envelope sender for MAIL FROM ("alerts@example.org").
  std::string envelope_from = "alerts@localhost";
  // When set, MAIL FROM is each message's VERP address (alerts/mail/verp_address.h)
  // under `verp_secret` instead of envelope_from.
  std::string bounce_address;
  std::string verp_secret;
  // AUTH credentials; no AUTH when username is unset.
  std::optional<std::string> username;
  std::string password;
  // STARTTLS on smtp://: required (fail if unsupported), opportunistic, or off.
  StartTls starttls = StartTls::kOpportunistic;
  // PEM bundle of CAs to trust instead of the system's (a private CA; the TLS tests).
  // The server's certificate is always verified.
  std::optional<std::string> ca_file;
  // Time allowed to connect (TCP + TLS handshake), then for the whole transaction.
  std::chrono::seconds connect_timeout{15};
  std::chrono::seconds timeout{120};
};

class SmtpMailer final : public Mailer {
 public:
  explicit SmtpMailer(SmtpMailerOptions options) : options_(std::move(options)) {}

 private:
  SendOutcome DoSend(const OutboxMessage& msg, const std::atomic<bool>* cancel) override;

  SmtpMailerOptions options_;
};

// The message with every line ending as CRLF (bare LF and bare CR become CRLF) and a
// final CRLF, so that no bare "\n.\n" can reach the server; curl then dot-stuffs lines
// that start with ".".
std::string NormalizeSmtpLineEnds(std::string_view bytes);

// The bare address of a From value: "GP Alerts <a@b.org>" -> "a@b.org", "a@b.org" -> same.
std::string EnvelopeAddress(std::string_view from);

// True for an address safe to put into MAIL FROM / RCPT TO: non-empty, no spaces,
// no control characters, no angle brackets.
bool IsSafeEnvelopeAddress(std::string_view address);

}  // namespace gpalert
