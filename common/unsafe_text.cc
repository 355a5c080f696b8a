#include "common/unsafe_text.h"

#include <fmt/format.h>

namespace gpalert {
namespace {

// Length of the UTF-8 sequence at s[i] and its code point; 0 when invalid.
std::size_t DecodeAt(std::string_view s, std::size_t i, char32_t* cp) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  std::size_t n = c < 0x80           ? 1
                  : (c >> 5) == 0x6  ? 2
                  : (c >> 4) == 0xE  ? 3
                  : (c >> 3) == 0x1E ? 4
                                     : 0;
  if (n == 0 || i + n > s.size()) return 0;
  char32_t v = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < n; ++k) {
    unsigned char d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) return 0;
    v = (v << 6) | (d & 0x3F);
  }
  static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (v < kMin[n] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  *cp = v;
  return n;
}

// Calls char_fn(cp, bytes) for each valid UTF-8 character and byte_fn(byte) for each
// byte that does not start one.
template <typename CharFn, typename ByteFn>
void ForEachCharacter(std::string_view text, CharFn char_fn, ByteFn byte_fn) {
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    std::size_t n = DecodeAt(text, i, &cp);
    if (n == 0) {
      byte_fn(text[i++]);
    } else {
      char_fn(cp, text.substr(i, n));
      i += n;
    }
  }
}

bool IsBidiControl(char32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace

std::string EscapeForTerminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  ForEachCharacter(
      text,
      [&](char32_t cp, std::string_view bytes) {
        if (cp == '\n') {
          out += "\\n";
        } else if (cp == '\r') {
          out += "\\r";
        } else if (cp == '\t') {
          out += "\\t";
        } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) {
          out += fmt::format("\\x{:02x}", static_cast<unsigned>(cp));
        } else if (IsBidiControl(cp)) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(cp));
        } else {
          out.append(bytes);
        }
      },
      [&](char byte) { out += fmt::format("\\x{:02x}", static_cast<unsigned char>(byte)); });
  return out;
}

std::string DropBidiAndInvisibleControls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  ForEachCharacter(
      text,
      [&](char32_t cp, std::string_view bytes) {
        if (!IsBidiControl(cp) && cp != 0x200B && cp != 0x2060 && cp != 0xFEFF) out.append(bytes);
      },
      [&](char byte) { out += byte; });  // not ours to repair here
  return out;
}

}  // namespace gpalert
