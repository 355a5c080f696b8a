// Mailbox: an e-mail address with an optional display name ("GP Alerts <a@b.org>"),
// and the pragmatic RFC 5322 addr-spec check used for config validation and headers.
// Pure functions on strings; safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace gpalert {

struct Mailbox {
  std::string name;     // display name, may be empty (no quotes, no control chars)
  std::string address;  // bare addr-spec "local@domain"
};

// Pragmatic RFC 5322 addr-spec: dot-atom or quoted-string local part (<= 64 bytes),
// a domain of LDH labels (single-label such as "localhost" allowed) or an address
// literal "[192.0.2.1]"; ASCII only; at most 254 bytes. On failure, says what is wrong.
Status CheckAddrSpec(std::string_view address);

// Parses "addr@host", "Name <addr@host>" or "\"Name, Inc.\" <addr@host>".
Result<Mailbox> ParseMailbox(std::string_view text);

}  // namespace gpalert
