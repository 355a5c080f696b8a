#include "alerts/unsubscribe_token.h"

#include "common/sha256.h"
#include "common/strings.h"

namespace gpalert {

std::string UnsubscribeToken(std::string_view secret, std::string_view email) {
  return HmacSha256Hex(secret, "unsubscribe\n" + AsciiLower(email)).substr(0, 32);
}

bool UnsubscribeTokenMatches(std::string_view secret, std::string_view email,
                             std::string_view token) {
  return ConstantTimeEquals(UnsubscribeToken(secret, email), token);
}

}  // namespace gpalert
