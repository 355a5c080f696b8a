// RenderTestMessage: the one-off message `gpalert mail-test` sends to check the mail
// setup end to end: a short text/plain RFC 5322 message from the configured sender, with
// its own Message-ID. Pure function; any thread.
#pragma once

#include <string>
#include <string_view>

#include "alerts/mail/mime_mailbox.h"
#include "common/time_format.h"

namespace gpalert {

struct TestMessage {
  std::string message_id;  // "<mail-test.<time>.<nonce>@<sender's domain>>"
  std::string bytes;       // CRLF line ends
};

// `nonce` makes the Message-ID unique (the caller passes random hex); `via` says which
// transport was used ("SMTP smtp://..."), written into the body.
TestMessage RenderTestMessage(const Mailbox& from, const Mailbox& to, Instant now,
                              std::string_view nonce, std::string_view via);

}  // namespace gpalert
