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

}  // namespace gpalert
