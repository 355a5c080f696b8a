#include "alerts/unsubscribe_token.h"

#include "common/sha256.h"
#include "common/strings.h"

namespace gpalert {

std::string UnsubscribeToken(std::string_view secret, std::string_view email) {
  return HmacSha256Hex(secret, "unsubscribe\n" + AsciiLower(email)).substr(0, 32);
}

bool UnsubscribeTokenMatches(std::string_view secret, std::string_view email,
                             std::string_view token) {
  std::string expected = UnsubscribeToken(secret, email);
  if (token.size() != expected.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < expected.size(); ++i)
    diff |= static_cast<unsigned char>(expected[i] ^ token[i]);
  return diff == 0;
}

}  // namespace gpalert
