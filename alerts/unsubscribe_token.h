// The per-subscriber unsubscribe token: HMAC-SHA-256 (common/sha256.h) of the address
// under the state's secret, and its constant-time check. Pure functions; any thread.
#pragma once

#include <string>
#include <string_view>

namespace gpalert {

// The token in a subscriber's one-click unsubscribe URL: the first 32 hex characters of
// HMAC-SHA-256(secret, lower-cased address). Stable for an address and a secret; with a
// non-empty secret, nobody without it can forge a token for someone else.
std::string UnsubscribeToken(std::string_view secret, std::string_view email);

// Constant-time comparison of a presented token with the expected one.
bool UnsubscribeTokenMatches(std::string_view secret, std::string_view email,
                             std::string_view token);

}  // namespace gpalert
