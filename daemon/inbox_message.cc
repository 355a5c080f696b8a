#include "daemon/inbox_message.h"

#include <optional>

#include "common/strings.h"

namespace gpalert {
namespace {

// The header block (up to the first empty line), unfolded into "Name: value" lines.
std::vector<std::string> HeaderLines(std::string_view text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = end + 1;
    if (line.empty()) break;
    if ((line[0] == ' ' || line[0] == '\t') && !out.empty()) {
      out.back() += " " + std::string(TrimAscii(line));
    } else {
      out.emplace_back(line);
    }
  }
  return out;
}

// The trimmed value of each `name` field of `lines` (the name without regard to case), in
// order; at most `most`.
std::vector<std::string> HeaderValues(const std::vector<std::string>& lines, std::string_view name,
                                      std::size_t most = std::string::npos) {
  std::vector<std::string> out;
  for (const std::string& line : lines) {
    if (out.size() >= most) break;
    std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    if (EqualsIgnoreCase(TrimAscii(std::string_view(line).substr(0, colon)), name))
      out.emplace_back(TrimAscii(std::string_view(line).substr(colon + 1)));
  }
  return out;
}

std::optional<std::string> HeaderValue(const std::vector<std::string>& lines,
                                       std::string_view name) {
  std::vector<std::string> first = HeaderValues(lines, name, 1);
  if (first.empty()) return std::nullopt;
  return std::move(first.front());
}

// The bare address in "Name <a@b>", "a@b" or "rfc822; a@b".
std::string BareAddress(std::string_view value) {
  std::size_t semi = value.find(';');
  if (semi != std::string_view::npos && value.find('@') > semi) value = value.substr(semi + 1);
  std::size_t lt = value.rfind('<');
  if (lt != std::string_view::npos) {
    std::size_t gt = value.find('>', lt);
    value =
        value.substr(lt + 1, gt == std::string_view::npos ? std::string_view::npos : gt - lt - 1);
  }
  std::string addr(TrimAscii(value));
  return addr.find('@') == std::string::npos || addr.find(' ') != std::string::npos ? "" : addr;
}

// Every "Name: value" line of the body (the delivery-status fields sit on lines of their
// own in RFC 3464 reports and in the plain-text forms alike), blocks split at empty lines.
std::vector<std::vector<std::string>> FieldBlocks(std::string_view body) {
  std::vector<std::vector<std::string>> blocks(1);
  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t end = body.find('\n', pos);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = TrimAscii(body.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty()) {
      if (!blocks.back().empty()) blocks.emplace_back();
      continue;
    }
    blocks.back().emplace_back(line);
  }
  return blocks;
}

bool IsStatusCode(std::string_view s) {
  // "5.1.1" style: class digit, dot, digits, dot, digits.
  return s.size() >= 5 && (s[0] == '2' || s[0] == '4' || s[0] == '5') && s[1] == '.';
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The first "4.x.y" or "5.x.y" (1-3 digits each) standing alone in `text` (not part of
// a longer number or an IPv4 address).
std::string FirstStatusCode(std::string_view text) {
  auto digits = [&](std::size_t at) {
    std::size_t n = 0;
    while (at + n < text.size() && IsDigit(text[at + n])) ++n;
    return n;
  };
  for (std::size_t i = 0; i + 5 <= text.size(); ++i) {
    if ((text[i] != '4' && text[i] != '5') || text[i + 1] != '.') continue;
    if (i > 0 && (IsAlnum(text[i - 1]) || text[i - 1] == '.')) continue;
    std::size_t a = digits(i + 2);
    if (a < 1 || a > 3 || i + 2 + a >= text.size() || text[i + 2 + a] != '.') continue;
    std::size_t b_at = i + 3 + a, b = digits(b_at);
    if (b < 1 || b > 3) continue;
    std::size_t end = b_at + b;
    if (end < text.size() && IsAlnum(text[end])) continue;
    if (end + 1 < text.size() && text[end] == '.' && IsDigit(text[end + 1])) continue;
    return std::string(text.substr(i, end - i));
  }
  return "";
}

bool FailureSubject(std::string_view subject) {
  std::string s = AsciiLower(subject);
  for (std::string_view phrase :
       {"undelivered", "undeliverable", "delivery status notification", "delivery failure",
        "failure notice", "returned mail", "mail delivery failed", "delivery has failed"}) {
    if (s.find(phrase) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

InboxMessage ReadInboxMessage(std::string_view bytes) {
  InboxMessage m;
  std::vector<std::string> head = HeaderLines(bytes);
  m.from = BareAddress(HeaderValue(head, "From").value_or(""));
  m.subject = HeaderValue(head, "Subject").value_or("");
  std::string subject = AsciiLower(TrimAscii(m.subject));
  std::string type = AsciiLower(HeaderValue(head, "Content-Type").value_or(""));
  std::size_t body_at = bytes.find("\n\n");
  std::size_t crlf = bytes.find("\r\n\r\n");
  if (crlf != std::string_view::npos && (body_at == std::string_view::npos || crlf < body_at))
    body_at = crlf + 2;
  std::string_view body = body_at == std::string_view::npos ? "" : bytes.substr(body_at + 2);
  for (const auto& block : FieldBlocks(body)) {
    std::optional<std::string> recipient = HeaderValue(block, "Final-Recipient");
    if (!recipient) recipient = HeaderValue(block, "Original-Recipient");
    if (!recipient) continue;
    std::string action = AsciiLower(HeaderValue(block, "Action").value_or(""));
    std::string status(TrimAscii(HeaderValue(block, "Status").value_or("")));
    status = status.substr(0, status.find(' '));
    if (action == "delivered" || action == "relayed" || action == "expanded") continue;
    BouncedRecipient b;
    b.email = BareAddress(*recipient);
    if (b.email.empty()) continue;
    b.status = IsStatusCode(status) ? status : "";
    b.hard = b.status.empty() ? action == "failed" : b.status[0] == '5';
    if (!b.hard && (b.status.empty() || b.status[0] != '4') && action != "delayed") continue;
    m.bounced.push_back(std::move(b));
  }
  bool report = type.find("multipart/report") != std::string::npos ||
                body.find("message/delivery-status") != std::string_view::npos;
  for (std::string_view name : {"Delivered-To", "X-Original-To", "Envelope-To", "To"}) {
    for (const std::string& value : HeaderValues(head, name)) {
      for (std::string_view part : Split(value, ',')) {
        std::string addr = BareAddress(part);
        if (!addr.empty()) m.delivered_to.push_back(std::move(addr));
      }
    }
  }
  m.report_like = report || StartsWithIgnoreCase(m.from, "mailer-daemon@") ||
                  StartsWithIgnoreCase(m.from, "postmaster@") || FailureSubject(m.subject);
  m.body_status = FirstStatusCode(body);
  if (!m.bounced.empty() && (report || StartsWithIgnoreCase(m.from, "mailer-daemon@") ||
                             StartsWithIgnoreCase(m.from, "postmaster@"))) {
    m.kind = InboxMessage::Kind::kBounce;
  } else if (subject == "subscribe") {
    m.kind = InboxMessage::Kind::kSubscribe;
    m.bounced.clear();
  } else if (subject == "unsubscribe" || subject.rfind("unsubscribe ", 0) == 0) {
    m.kind = InboxMessage::Kind::kUnsubscribe;
    m.bounced.clear();
  } else {
    m.bounced.clear();
  }
  return m;
}

}  // namespace gpalert
