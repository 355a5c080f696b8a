#include "alerts/mail/verp_address.h"

#include <fmt/format.h>

#include <charconv>
#include <system_error>

#include "alerts/mail/mime_mailbox.h"
#include "common/sha256.h"
#include "common/strings.h"

namespace gpalert {
namespace {

constexpr std::size_t kSignatureChars = 16;
constexpr std::size_t kMaxLocalPart = 64;

std::string Signature(std::string_view secret, std::int64_t id, std::string_view recipient) {
  return HmacSha256Hex(secret, fmt::format("verp\n{}\n{}", id, AsciiLower(recipient)))
      .substr(0, kSignatureChars);
}

bool Kept(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }

std::string Encode(std::string_view recipient) {
  std::string out;
  for (char c : AsciiLower(recipient)) {
    if (Kept(c) || (c == '.' && !out.empty() && out.back() != '.')) {
      out += c;
    } else if (c == '@') {
      out += '=';
    } else {
      out += fmt::format("_{:02x}", static_cast<unsigned char>(c));
    }
  }
  return out;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Decodes Encode's output; false for anything Encode cannot have made.
bool Decode(std::string_view text, std::string* out) {
  out->clear();
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '=') {
      *out += '@';
    } else if (c == '_') {
      if (i + 2 >= text.size()) return false;
      int hi = HexDigit(text[i + 1]), lo = HexDigit(text[i + 2]);
      if (hi < 0 || lo < 0) return false;
      *out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (Kept(c) || c == '.') {
      *out += c;
    } else {
      return false;
    }
  }
  return true;
}

std::pair<std::string_view, std::string_view> SplitAt(std::string_view address) {
  std::size_t at = address.rfind('@');
  if (at == std::string_view::npos) return {address, {}};
  return {address.substr(0, at), address.substr(at + 1)};
}

}  // namespace

Status CheckBounceAddress(std::string_view address) {
  Status s = CheckAddrSpec(address);
  if (!s.ok()) return s;
  auto [local, domain] = SplitAt(address);
  if (local.size() > kMaxBounceLocalPart) {
    return Status::InvalidArgument(fmt::format(
        "its local part \"{}\" is longer than {} characters, which leaves no room for the "
        "VERP token (64 at most in all); use a shorter one such as \"bounces\"",
        local, kMaxBounceLocalPart));
  }
  for (char c : local) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '-' || c == '_';
    if (!ok) {
      return Status::InvalidArgument(fmt::format(
          "its local part \"{}\" may hold only letters, digits, '.', '-' and '_' (gpalert adds "
          "\"+<token>\" to it, so it must not hold '+' itself)",
          local));
    }
  }
  if (domain.empty() || domain.front() == '[') {
    return Status::InvalidArgument("its domain must be a host name, not an address literal");
  }
  return Status::Ok();
}

std::string VerpAddress(std::string_view bounce_address, std::string_view secret,
                        std::string_view recipient, std::int64_t outbox_id) {
  auto [local, domain] = SplitAt(bounce_address);
  std::string full = fmt::format("{}+{}-{}-{}", local, outbox_id, Encode(recipient),
                                 Signature(secret, outbox_id, recipient));
  if (full.size() > kMaxLocalPart)
    full = fmt::format("{}+{}-{}", local, outbox_id, Signature(secret, outbox_id, ""));
  return fmt::format("{}@{}", full, domain);
}

VerpMatch ReadVerpAddress(std::string_view address, std::string_view bounce_address,
                          std::string_view secret) {
  VerpMatch m;
  m.address = std::string(address);
  auto [local, domain] = SplitAt(address);
  auto [bounce_local, bounce_domain] = SplitAt(bounce_address);
  if (bounce_domain.empty() || !EqualsIgnoreCase(domain, bounce_domain) ||
      local.size() <= bounce_local.size() + 1 ||
      !EqualsIgnoreCase(local.substr(0, bounce_local.size()), bounce_local) ||
      local[bounce_local.size()] != '+') {
    return m;
  }
  m.kind = VerpMatch::Kind::kForged;
  std::string token = AsciiLower(local.substr(bounce_local.size() + 1));
  std::size_t dash = token.find('-');
  if (dash == std::string::npos || token.size() < dash + 1 + kSignatureChars) return m;
  std::string_view id_text = std::string_view(token).substr(0, dash);
  std::string_view signature = std::string_view(token).substr(token.size() - kSignatureChars);
  // Digits only, and an id that fits (a forged 20-digit one must not throw).
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  if (id_text.empty() || ec != std::errc() || end != id_text.data() + id_text.size() || id < 0)
    return m;
  std::string recipient;
  if (token.size() > dash + 1 + kSignatureChars) {
    std::size_t middle_end = token.size() - kSignatureChars - 1;
    if (middle_end <= dash || token[middle_end] != '-') return m;
    if (!Decode(std::string_view(token).substr(dash + 1, middle_end - dash - 1), &recipient))
      return m;
    if (recipient.find('@') == std::string::npos) return m;
  }
  if (secret.empty()) return m;
  if (!ConstantTimeEquals(Signature(secret, id, recipient), signature)) return m;
  m.kind = VerpMatch::Kind::kValid;
  m.outbox_id = id;
  m.recipient = std::move(recipient);
  return m;
}

}  // namespace gpalert
