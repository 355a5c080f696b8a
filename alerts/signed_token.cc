#include "alerts/signed_token.h"

#include <fmt/format.h>

#include "common/sha256.h"
#include "common/strings.h"

namespace gpalert {
namespace {

const char* PurposeName(TokenPurpose purpose) {
  switch (purpose) {
    case TokenPurpose::kConfirm:
      return "confirm";
    case TokenPurpose::kManage:
      return "manage";
    case TokenPurpose::kForm:
      return "form";
  }
  return "?";
}

}  // namespace

std::string SignToken(std::string_view secret, TokenPurpose purpose, std::string_view subject,
                      Instant expires) {
  // Newlines separate the parts: an address or cookie holds none (they are checked first).
  std::string data = fmt::format("{}\n{}\n{}", PurposeName(purpose), AsciiLower(subject),
                                 expires.time_since_epoch().count());
  return HmacSha256Hex(secret, data).substr(0, 32);
}

TokenCheck CheckToken(std::string_view secret, TokenPurpose purpose, std::string_view subject,
                      Instant expires, std::string_view token, Instant now) {
  if (secret.empty() || subject.find('\n') != std::string_view::npos) return TokenCheck::kForged;
  if (!ConstantTimeEquals(SignToken(secret, purpose, subject, expires), token))
    return TokenCheck::kForged;
  return now > expires ? TokenCheck::kExpired : TokenCheck::kValid;
}

}  // namespace gpalert
