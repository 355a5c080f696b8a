// Mailer: hands one outbox message to its recipient (SMTP server or Maildir) and says
// whether it went, may go later, or never will. Send() blocks (network or disk), so the
// daemon calls it from its mail worker thread, never from the io_context network thread.
// One Mailer object is used by one thread at a time.
#pragma once

#include <atomic>
#include <string>

#include "store/store.h"

namespace gpalert {

struct SendOutcome {
  enum class Kind {
    kSent,        // accepted (SMTP 250 after DATA, or file in <maildir>/new)
    kRetryLater,  // transient: SMTP 4xx, connection refused, timeout, disk full, bad login
    kPermanent,   // the server refused this message for good (SMTP 5xx): park it
    kTooBig,      // refused for its size (SMTP 552 / 5.3.4): send its articles in smaller parts
    kCancelled,   // stopped by shutdown mid-send: not known delivered, stays due, no attempt
  };
  Kind kind = Kind::kSent;
  int reply_code = 0;  // the SMTP reply code when a server answered; 0 if none (transport)
  std::string reply;   // server reply text or transport error, for logs and the outbox row

  static SendOutcome Sent(int code, std::string reply) {
    return {Kind::kSent, code, std::move(reply)};
  }
  static SendOutcome RetryLater(int code, std::string reply) {
    return {Kind::kRetryLater, code, std::move(reply)};
  }
  static SendOutcome Permanent(int code, std::string reply) {
    return {Kind::kPermanent, code, std::move(reply)};
  }
  static SendOutcome TooBig(int code, std::string reply) {
    return {Kind::kTooBig, code, std::move(reply)};
  }
  static SendOutcome Cancelled(std::string reply) {
    return {Kind::kCancelled, 0, std::move(reply)};
  }
  // True when the server was not reached (connect failed, DNS, TLS, timeout before a
  // reply; reply_code 0) or is shutting the channel (421): the remaining messages of a run
  // would fail the same way.
  bool unreachable() const {
    return kind == Kind::kRetryLater && (reply_code == 0 || reply_code == 421);
  }
};

// "sent", "retry-later", "permanent", "too-big", "cancelled".
const char* SendOutcomeKindName(SendOutcome::Kind kind);

class Mailer {
 public:
  virtual ~Mailer() = default;
  // Delivers msg.bytes (a complete RFC 5322 message) to msg.subscriber. When `cancel`
  // (may be null; set from any thread) becomes true, a send that waits on the network
  // stops within about a second with kCancelled.
  SendOutcome Send(const OutboxMessage& msg, const std::atomic<bool>* cancel = nullptr) {
    return DoSend(msg, cancel);
  }

 private:
  virtual SendOutcome DoSend(const OutboxMessage& msg, const std::atomic<bool>* cancel) = 0;
};

}  // namespace gpalert
