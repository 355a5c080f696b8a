#include "alerts/mail/mime_writer.h"

#include <fmt/format.h>

#include <ctime>

#include "common/strings.h"

namespace gpalert {
namespace {

constexpr size_t kFoldColumn = 78;
constexpr size_t kEncodedWordLine = 76;  // RFC 2047 section 2
constexpr size_t kMaxRun = 900;          // longest unbreakable run kept on one line
constexpr size_t kQpLine = 76;

bool IsPrintableAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

// Length of the UTF-8 sequence starting with lead byte `c` (1 for anything odd).
size_t SequenceLength(unsigned char c) {
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

bool IsAtomText(std::string_view s) {
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == ' ' || std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

void AppendQpByte(std::string* line, unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  *line += '=';
  *line += kHex[c >> 4];
  *line += kHex[c & 15];
}

// Encodes one hard line (no line break inside) into CRLF-terminated output lines.
void EncodeQpLine(std::string_view line, std::string* out) {
  std::string current;
  for (size_t i = 0; i < line.size(); ++i) {
    unsigned char c = line[i];
    bool last = i + 1 == line.size();
    std::string piece;
    bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last);
    if (literal) {
      piece = static_cast<char>(c);
    } else {
      AppendQpByte(&piece, c);
    }
    // Leave room for the soft break '='; a trailing space must not end a soft line.
    if (current.size() + piece.size() > kQpLine - 1) {
      *out += current + "=\r\n";
      current.clear();
    }
    // No output line starts with a bare dot (SMTP) or with "From " (mbox readers), after a
    // soft break as much as at the start of the text.
    if (current.empty() && piece == ".") piece = "=2E";
    if (current.empty() && piece == "F" && line.substr(i, 5) == "From ") piece = "=46";
    current += piece;
  }
  *out += current + "\r\n";
}

}  // namespace

std::string SanitizeHeaderText(std::string_view text) {
  std::string clean = SanitizeUtf8(text);
  std::string out;
  out.reserve(clean.size());
  for (size_t i = 0; i < clean.size(); ++i) {
    unsigned char c = clean[i];
    bool control = c < 0x20 || c == 0x7f;
    // C1 controls U+0080..U+009F (0xC2 0x80..0x9F) and the line/paragraph separators.
    if (c == 0xC2 && i + 1 < clean.size() && static_cast<unsigned char>(clean[i + 1]) <= 0x9F) {
      control = true;
      ++i;
    } else if (c == 0xE2 && i + 2 < clean.size() &&
               static_cast<unsigned char>(clean[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(clean[i + 2]) == 0xA8 ||
                static_cast<unsigned char>(clean[i + 2]) == 0xA9)) {
      control = true;
      i += 2;
    }
    out += control ? ' ' : static_cast<char>(c);
  }
  return CollapseWhitespace(out);
}

std::string EncodeHeaderText(std::string_view raw, size_t name_length) {
  std::string text = SanitizeHeaderText(raw);
  if (IsPrintableAscii(text) && text.find("=?") == std::string::npos) return text;
  std::string out;
  size_t used = name_length + 2;  // "Name: "
  size_t i = 0;
  while (i < text.size()) {
    // "=?UTF-8?B?" + "?=" take 12 columns; keep at least one base64 quantum.
    size_t room = used + 16 <= kEncodedWordLine ? kEncodedWordLine - used - 12 : 4;
    size_t max_bytes = room / 4 * 3;
    size_t end = i;
    while (end < text.size()) {
      size_t len = SequenceLength(static_cast<unsigned char>(text[end]));
      if (end + len - i > max_bytes) break;
      end += len;
    }
    if (end == i)
      end = std::min(text.size(), i + SequenceLength(static_cast<unsigned char>(text[i])));
    if (!out.empty()) out += ' ';
    out += "=?UTF-8?B?" + EncodeBase64(std::string_view(text).substr(i, end - i)) + "?=";
    i = end;
    used = 1;  // continuation lines start with one space
  }
  return out;
}

std::string FormatAddress(const Mailbox& mailbox, size_t name_length) {
  std::string name = SanitizeHeaderText(mailbox.name);
  if (name.empty()) return mailbox.address;
  std::string phrase;
  if (!IsPrintableAscii(name) || name.find("=?") != std::string::npos) {
    phrase = EncodeHeaderText(name, name_length);
  } else if (IsAtomText(name)) {
    phrase = name;
  } else {
    phrase = "\"";
    for (char c : name) {
      if (c == '"' || c == '\\') phrase += '\\';
      phrase += c;
    }
    phrase += "\"";
  }
  return phrase + " <" + mailbox.address + ">";
}

std::string FoldHeader(std::string_view name, std::string_view value) {
  std::string clean;
  for (unsigned char c : value) clean += (c < 0x20 || c == 0x7f) ? ' ' : static_cast<char>(c);
  std::vector<std::string> words;
  for (std::string_view w : Split(clean, ' ')) {
    if (w.empty()) continue;
    while (w.size() > kMaxRun) {
      words.emplace_back(w.substr(0, kMaxRun));
      w.remove_prefix(kMaxRun);
    }
    words.emplace_back(w);
  }
  std::string out = std::string(name) + ":";
  size_t column = out.size();
  for (const auto& w : words) {
    if (column + 1 + w.size() > kFoldColumn && column > name.size() + 1) {
      out += "\r\n";
      column = 0;
    }
    out += " " + w;
    column += 1 + w.size();
  }
  return out + "\r\n";
}

std::string FormatRfc5322Date(Instant t) {
  std::time_t tt = t.time_since_epoch().count();
  std::tm tm{};
  gmtime_r(&tt, &tm);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} +0000", kDays[tm.tm_wday], tm.tm_mday,
                     kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string EncodeQuotedPrintable(std::string_view text) {
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      if (start < text.size()) EncodeQpLine(text.substr(start), &out);
      break;
    }
    std::string_view line = text.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    EncodeQpLine(line, &out);
    start = nl + 1;
  }
  return out;
}

std::string EncodeBase64(std::string_view data) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(data[i]) << 16) |
                 (static_cast<unsigned char>(data[i + 1]) << 8) |
                 static_cast<unsigned char>(data[i + 2]);
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i + 1 == data.size()) {
    unsigned v = static_cast<unsigned char>(data[i]) << 16;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == data.size()) {
    unsigned v = (static_cast<unsigned char>(data[i]) << 16) |
                 (static_cast<unsigned char>(data[i + 1]) << 8);
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

std::string MultipartBody(const std::vector<MimePart>& parts, std::string_view boundary) {
  std::string out = "This is a multi-part message in MIME format.\r\n";
  for (const auto& part : parts) {
    out += fmt::format("\r\n--{}\r\n", boundary);
    out += FoldHeader("Content-Type", part.content_type);
    out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
    out += EncodeQuotedPrintable(part.text);
  }
  out += fmt::format("\r\n--{}--\r\n", boundary);
  return out;
}

}  // namespace gpalert
