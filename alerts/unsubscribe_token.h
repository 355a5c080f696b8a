// Stable tokens for digests: SHA-256 and HMAC-SHA-256 (FIPS 180-4, RFC 2104) as hex,
// and the per-subscriber unsubscribe token built on them. Pure functions; any thread.
#pragma once

#include <string>
#include <string_view>

namespace gpalert {

// Lower-case hex SHA-256 of `data` (64 characters).
std::string Sha256Hex(std::string_view data);

// Lower-case hex HMAC-SHA-256 of `data` under `key` (64 characters).
std::string HmacSha256Hex(std::string_view key, std::string_view data);

// The token in a subscriber's one-click unsubscribe URL: the first 32 hex characters of
// HMAC-SHA-256(secret, lower-cased address). Stable for an address and a secret; with a
// non-empty secret, nobody without it can forge a token for someone else.
std::string UnsubscribeToken(std::string_view secret, std::string_view email);

// Constant-time comparison of a presented token with the expected one.
bool UnsubscribeTokenMatches(std::string_view secret, std::string_view email, std::string_view token);

}  // namespace gpalert
