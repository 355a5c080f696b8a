// VERP (variable envelope return path): the envelope sender of each message when [mail]
// bounce_address is set — "bounces@example.org" becomes
//   bounces+<outbox id>-<recipient>-<signature>@example.org
// (the recipient lower-cased, '@' written as '=', any character but a-z 0-9 . - as
// "_XX" hex; the signature the first 16 hex characters of HMAC-SHA-256 of the outbox id
// and recipient under the unsubscribe key), or, when that local part would pass 64
// octets, bounces+<outbox id>-<signature>@example.org, which names the outbox row only.
// Bounces come back to that address, so the inbox reader knows whom a bounce is for
// even when the report names no usable recipient; a token without a valid signature is
// not believed. Lower case only: MTAs that fold the local part's case change nothing.
// Pure functions; any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace gpalert {

// The longest local part [mail] bounce_address may have: the row-only form (local part,
// '+', a 19-digit id, '-', 16 hex digits) must fit in 64 octets.
inline constexpr std::size_t kMaxBounceLocalPart = 27;

// Whether `address` can be a bounce address: an addr-spec whose local part is at most
// 27 characters of a-z, A-Z, 0-9, '.', '-', '_' (no '+': that starts the token). Says
// what is wrong otherwise.
Status CheckBounceAddress(std::string_view address);

// The envelope sender of outbox row `outbox_id` to `recipient` (bounce_address checked).
std::string VerpAddress(std::string_view bounce_address, std::string_view secret,
                        std::string_view recipient, std::int64_t outbox_id);

struct VerpMatch {
  enum class Kind {
    kNone,    // not bounce_address with a token
    kValid,   // a token we made: outbox_id, and recipient unless the row-only form
    kForged,  // bounce_address with a token whose signature does not match
  };
  Kind kind = Kind::kNone;
  std::int64_t outbox_id = 0;
  std::string recipient;  // "" in the row-only form (look the row up)
  std::string address;    // the address as found
};

// Reads the token of `address` (bare, any case) sent to `bounce_address`.
VerpMatch ReadVerpAddress(std::string_view address, std::string_view bounce_address,
                          std::string_view secret);

}  // namespace gpalert
