// Feeds text to the MIME header and body writers; checks CRLF-only lines <= 998 octets, 7-bit
// output and round trips.
#include <fuzzer/FuzzedDataProvider.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "alerts/mail/mime_writer.h"
#include "common/strings.h"

#include "fuzz_check.h"

namespace {

constexpr std::string_view kCrlf = "\r\n";

// Splits CRLF-terminated output into its lines, checking there is no bare CR or LF.
std::vector<std::string_view> Lines(std::string_view out) {
  std::vector<std::string_view> lines;
  while (!out.empty()) {
    size_t end = out.find(kCrlf);
    FUZZ_CHECK(end != std::string_view::npos);  // the output ends with CRLF
    std::string_view line = out.substr(0, end);
    FUZZ_CHECK(line.find('\r') == std::string_view::npos &&
               line.find('\n') == std::string_view::npos);
    FUZZ_CHECK(line.size() <= 998);
    lines.push_back(line);
    out.remove_prefix(end + 2);
  }
  return lines;
}

bool IsSevenBit(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

bool IsPrintableAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

int Base64Value(char c) {
  constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t i = kAlphabet.find(c);
  return i == std::string_view::npos ? -1 : static_cast<int>(i);
}

std::string DecodeBase64(std::string_view s) {
  FUZZ_CHECK(s.size() % 4 == 0);
  std::string out;
  for (size_t i = 0; i < s.size(); i += 4) {
    unsigned v = 0;
    int pad = 0;
    for (size_t k = 0; k < 4; ++k) {
      int d = 0;
      if (s[i + k] == '=') {
        FUZZ_CHECK(i + 4 == s.size() && k >= 2);
        ++pad;
      } else {
        FUZZ_CHECK(pad == 0);
        d = Base64Value(s[i + k]);
        FUZZ_CHECK(d >= 0);
      }
      v = v << 6 | static_cast<unsigned>(d);
    }
    out += static_cast<char>(v >> 16);
    if (pad < 2) out += static_cast<char>(v >> 8 & 0xff);
    if (pad < 1) out += static_cast<char>(v & 0xff);
  }
  return out;
}

// SanitizeHeaderText: UTF-8 without control characters, single spaces, trimmed.
void CheckSanitized(std::string_view s) {
  FUZZ_CHECK(gpalert::IsValidUtf8(s));
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    FUZZ_CHECK(c >= 0x20 && c != 0x7f);
    if (c == 0xC2 && i + 1 < s.size())
      FUZZ_CHECK(static_cast<unsigned char>(s[i + 1]) > 0x9F);  // C1
    if (c == 0xE2 && i + 2 < s.size() && s[i + 1] == '\x80')
      FUZZ_CHECK(s[i + 2] != '\xA8' && s[i + 2] != '\xA9');
  }
  FUZZ_CHECK(s.find("  ") == std::string_view::npos);
  FUZZ_CHECK(s.empty() || (s.front() != ' ' && s.back() != ' '));
}

// EncodeHeaderText: the sanitised text itself, or encoded words that decode back to it.
void CheckEncoded(std::string_view encoded, std::string_view sanitized) {
  FUZZ_CHECK(IsPrintableAscii(encoded));
  if (encoded == sanitized) {
    FUZZ_CHECK(encoded.find("=?") == std::string_view::npos);
    return;
  }
  std::string decoded;
  for (std::string_view word : gpalert::Split(encoded, ' ')) {
    FUZZ_CHECK(word.size() <= 75);  // RFC 2047 section 2
    FUZZ_CHECK(word.starts_with("=?UTF-8?B?") && word.ends_with("?=") && word.size() > 12);
    std::string bytes = DecodeBase64(word.substr(10, word.size() - 12));
    FUZZ_CHECK(gpalert::IsValidUtf8(bytes));  // no word splits a character
    decoded += bytes;
  }
  FUZZ_CHECK(decoded == sanitized);
}

// FoldHeader: "Name: value" lines, continuation lines starting with a space; for an
// ASCII value 7-bit, and for encoded words lines of at most 76 that unfold to the value.
void CheckFolded(std::string_view folded, std::string_view name, std::string_view value, bool ascii,
                 bool encoded_words) {
  std::vector<std::string_view> lines = Lines(folded);
  FUZZ_CHECK(!lines.empty() && lines[0].starts_with(std::string(name) + ":"));
  std::string unfolded(lines[0]);
  for (size_t i = 1; i < lines.size(); ++i) {
    FUZZ_CHECK(lines[i].starts_with(" ") && lines[i].size() > 1);
    unfolded += lines[i];
  }
  if (ascii) FUZZ_CHECK(IsSevenBit(folded));
  if (encoded_words) {
    for (std::string_view line : lines) FUZZ_CHECK(line.size() <= 76);
    FUZZ_CHECK(unfolded ==
               std::string(name) + ":" + (value.empty() ? "" : " ") + std::string(value));
  }
}

// Reverses quoted-printable: soft breaks removed, =XX decoded, hard breaks kept as CRLF.
std::string DecodeQuotedPrintable(std::string_view qp) {
  std::string out;
  for (std::string_view line : Lines(qp)) {
    bool soft = line.ends_with("=");
    if (soft) line.remove_suffix(1);
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] != '=') {
        out += line[i];
        continue;
      }
      FUZZ_CHECK(i + 2 < line.size());
      std::string_view hex = "0123456789ABCDEF";
      size_t hi = hex.find(line[i + 1]), lo = hex.find(line[i + 2]);
      FUZZ_CHECK(hi != std::string_view::npos && lo != std::string_view::npos);
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    }
    if (!soft) out += kCrlf;
  }
  return out;
}

// What EncodeQuotedPrintable promises to carry: each line (ended by LF or CRLF, or the
// unterminated rest) followed by CRLF.
std::string HardLines(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (nl != std::string_view::npos && line.ends_with("\r")) line.remove_suffix(1);
    out += std::string(line) + std::string(kCrlf);
  }
  return out;
}

void CheckQuotedPrintable(std::string_view qp, std::string_view text) {
  FUZZ_CHECK(IsSevenBit(qp));
  for (std::string_view line : Lines(qp)) {
    FUZZ_CHECK(line.size() <= 76);
    FUZZ_CHECK(!line.starts_with("."));
    FUZZ_CHECK(line.empty() || (line.back() != ' ' && line.back() != '\t'));
  }
  FUZZ_CHECK(DecodeQuotedPrintable(qp) == HardLines(text));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static constexpr std::array<std::string_view, 6> kNames = {
      "Subject", "To", "From", "List-Id", "Reply-To", "X-Gpalert-Source-Name"};
  FuzzedDataProvider in(data, size);  // the header name comes from the end of the input
  std::string_view name = kNames[in.ConsumeIntegralInRange<size_t>(0, kNames.size() - 1)];
  std::string text = in.ConsumeRemainingBytesAsString();

  std::string sanitized = gpalert::SanitizeHeaderText(text);
  CheckSanitized(sanitized);
  std::string encoded = gpalert::EncodeHeaderText(text, name.size());
  CheckEncoded(encoded, sanitized);
  CheckFolded(gpalert::FoldHeader(name, encoded), name, encoded, true, encoded != sanitized);
  CheckFolded(gpalert::FoldHeader(name, text), name, text, false, false);

  std::string qp = gpalert::EncodeQuotedPrintable(text);
  CheckQuotedPrintable(qp, text);
  FUZZ_CHECK(DecodeBase64(gpalert::EncodeBase64(text)) == text);

  std::string body = gpalert::MultipartBody(
      {{"text/plain; charset=utf-8", text}, {"text/html; charset=utf-8", text}},
      "=_gpalert_boundary");
  FUZZ_CHECK(IsSevenBit(body));
  size_t delimiters = 0;
  for (std::string_view line : Lines(body)) delimiters += line.starts_with("--=_gpalert_boundary");
  FUZZ_CHECK(delimiters == 3);
  return 0;
}
