#include "alerts/mail/mime_mailbox.h"

#include <fmt/format.h>

#include "common/strings.h"

namespace gpalert {
namespace {

bool IsAtext(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+/=?^_`{|}~-").find(c) != std::string_view::npos;
}

Status Bad(std::string_view address, std::string_view why) {
  return Status::InvalidArgument(
      fmt::format("bad e-mail address \"{}\": {} (write it as name@example.org)", address, why));
}

Status CheckLocalPart(std::string_view address, std::string_view local) {
  if (local.empty()) return Bad(address, "nothing before '@'");
  if (local.size() > 64) return Bad(address, "the part before '@' is longer than 64 characters");
  if (local.front() == '"') {
    if (local.size() < 2 || local.back() != '"')
      return Bad(address, "unterminated quoted local part");
    for (size_t i = 1; i + 1 < local.size(); ++i) {
      unsigned char c = local[i];
      if (c < 0x20 || c >= 0x7f)
        return Bad(address, "control or non-ASCII character in the local part");
      if (c == '\\') {
        if (++i + 1 >= local.size()) return Bad(address, "dangling backslash in the local part");
        // RFC 5322 quoted-pair: a backslash escapes VCHAR or WSP only, never a control
        // (a CR or LF here would reach the SMTP command line); HTAB is refused too, so an
        // accepted address is printable ASCII throughout.
        unsigned char escaped = local[i];
        if (escaped < 0x20 || escaped >= 0x7f)
          return Bad(address, "control or non-ASCII character in the local part");
      } else if (c == '"') {
        return Bad(address, "unescaped '\"' in the quoted local part");
      }
    }
    return Status::Ok();
  }
  if (local.front() == '.' || local.back() == '.')
    return Bad(address, "the local part starts or ends with '.'");
  if (local.find("..") != std::string_view::npos) return Bad(address, "two dots in a row");
  for (char c : local) {
    if (c != '.' && !IsAtext(c)) {
      return Bad(address, static_cast<unsigned char>(c) >= 0x80
                              ? "non-ASCII characters are not supported"
                              : fmt::format("character '{}' is not allowed unquoted", c));
    }
  }
  return Status::Ok();
}

Status CheckDomain(std::string_view address, std::string_view domain) {
  if (domain.empty()) return Bad(address, "nothing after '@'");
  if (domain.front() == '[') {
    if (domain.back() != ']') return Bad(address, "unterminated address literal");
    for (char c : domain.substr(1, domain.size() - 2)) {
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
            c == '.' || c == ':' || c == 'v' || c == 'I' || c == 'P' || c == 'p' || c == 'i')) {
        return Bad(address, "bad address literal");
      }
    }
    return Status::Ok();
  }
  if (domain.size() > 253) return Bad(address, "domain longer than 253 characters");
  for (std::string_view label : Split(domain, '.')) {
    if (label.empty()) return Bad(address, "empty label in the domain");
    if (label.size() > 63) return Bad(address, "domain label longer than 63 characters");
    if (label.front() == '-' || label.back() == '-')
      return Bad(address, "domain label starts or ends with '-'");
    for (char c : label) {
      bool ok =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
      if (!ok) {
        return Bad(address, static_cast<unsigned char>(c) >= 0x80
                                ? "non-ASCII domain (write it in punycode, xn--...)"
                                : fmt::format("character '{}' is not allowed in a domain", c));
      }
    }
  }
  return Status::Ok();
}

}  // namespace

Status CheckAddrSpec(std::string_view address) {
  if (address.empty()) return Bad(address, "empty");
  if (address.size() > 254) return Bad(address, "longer than 254 characters");
  auto at = address.rfind('@');
  if (at == std::string_view::npos) return Bad(address, "no '@'");
  Status s = CheckLocalPart(address, address.substr(0, at));
  if (!s.ok()) return s;
  return CheckDomain(address, address.substr(at + 1));
}

Result<Mailbox> ParseMailbox(std::string_view text) {
  std::string_view t = TrimAscii(text);
  Mailbox box;
  if (!t.empty() && t.back() == '>') {
    auto lt = t.rfind('<');
    if (lt == std::string_view::npos) return Bad(text, "'>' without '<'");
    std::string_view name = TrimAscii(t.substr(0, lt));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
      std::string unquoted;
      for (size_t i = 1; i + 1 < name.size(); ++i) {
        if (name[i] == '\\' && i + 2 < name.size()) ++i;
        unquoted += name[i];
      }
      box.name = std::move(unquoted);
    } else {
      box.name = std::string(name);
    }
    for (char c : box.name) {
      unsigned char u = c;
      if (u < 0x20 || u == 0x7f) return Bad(text, "control character in the display name");
    }
    if (!IsValidUtf8(box.name)) return Bad(text, "display name is not valid UTF-8");
    box.address = std::string(TrimAscii(t.substr(lt + 1, t.size() - lt - 2)));
  } else {
    box.address = std::string(t);
  }
  Status s = CheckAddrSpec(box.address);
  if (!s.ok()) return s;
  return box;
}

}  // namespace gpalert
