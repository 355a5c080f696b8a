// Signed, single-purpose, expiring tokens for the links gpalert mails and the forms it
// serves (sign-up confirmation, the manage page, the sign-up form's cross-site guard):
// the first 32 hex characters of HMAC-SHA-256(secret, purpose, subject, expiry), the
// same key as the unsubscribe tokens (alerts/unsubscribe_token.h). A token for one
// purpose never passes for another. Pure functions; any thread.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "common/time_format.h"

namespace gpalert {

// How long the manage link of a digest works after the digest was made.
inline constexpr std::chrono::seconds kManageLinkLifetime{90 * 86400};

enum class TokenPurpose {
  kConfirm,  // activates a pending sign-up; subject: the address
  kManage,   // opens and changes a subscriber's settings; subject: the address
  kForm,     // a sign-up form post; subject: the browser's form cookie
};

// The token for `subject` (an address is compared lower-cased) valid until `expires`.
std::string SignToken(std::string_view secret, TokenPurpose purpose, std::string_view subject,
                      Instant expires);

enum class TokenCheck { kValid, kForged, kExpired };

// Whether `token` was made by SignToken with these values (constant-time), and unexpired
// at `now`. An empty secret makes every token forged.
TokenCheck CheckToken(std::string_view secret, TokenPurpose purpose, std::string_view subject,
                      Instant expires, std::string_view token, Instant now);

}  // namespace gpalert
