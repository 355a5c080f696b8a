// SHA-256 and HMAC-SHA-256 (FIPS 180-4, RFC 2104) as lower-case hex, on OpenSSL's
// libcrypto. Pure functions; any thread.
#pragma once

#include <string>
#include <string_view>

namespace gpalert {

// Lower-case hex SHA-256 of `data` (64 characters).
std::string Sha256Hex(std::string_view data);

// Lower-case hex HMAC-SHA-256 of `data` under `key` (64 characters).
std::string HmacSha256Hex(std::string_view key, std::string_view data);

// a == b in a time that does not depend on where they differ (libcrypto's CRYPTO_memcmp),
// for checking signatures; false at once when the lengths differ (they are not secret).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace gpalert
