// InboxMessage: what `gpalert inbox` makes of one mail delivered to the list's address —
// a delivery status notification (RFC 3464 multipart/report, or the common plain-text
// forms that carry "Final-Recipient:"/"Status:" lines), a plain request ("subscribe" or
// "unsubscribe" as the whole subject), or something else; and where it was delivered
// (for VERP). Pure function; any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gpalert {

struct BouncedRecipient {
  std::string email;   // Final-Recipient (else Original-Recipient), bare address
  std::string status;  // "5.1.1"; "" when the report gives none
  bool hard = false;   // a permanent failure: status 5.x.x (or Action: failed without one)
};

struct InboxMessage {
  enum class Kind { kBounce, kSubscribe, kUnsubscribe, kOther };
  Kind kind = Kind::kOther;
  std::string from;                       // the From address (bare), "" when none could be read
  std::string subject;                    // unfolded
  std::vector<BouncedRecipient> bounced;  // kBounce: one per failed or delayed recipient
  // The addresses the message was delivered to, as the MTA and sender wrote them
  // (Delivered-To, X-Original-To, Envelope-To, then To), bare, in that order: where a
  // VERP token (alerts/mail/verp_address.h) is looked for.
  std::vector<std::string> delivered_to;
  // Whether it reads as a failure report even without a usable Final-Recipient: a
  // multipart/report, from MAILER-DAEMON or postmaster, or with a subject such as
  // "Undelivered Mail Returned to Sender" or "Delivery Status Notification (Failure)".
  bool report_like = false;
  // The first enhanced status code ("5.1.1") anywhere in the body; "" when none.
  std::string body_status;
};

// Classifies the RFC 5322 bytes (CRLF or LF line ends).
InboxMessage ReadInboxMessage(std::string_view bytes);

}  // namespace gpalert
