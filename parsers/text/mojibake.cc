#include "parsers/text/mojibake.h"

#include <vector>

#include "common/strings.h"
#include "parsers/text/html_entities.h"

namespace gpalert {
namespace {

// Reads one code point of valid UTF-8 at s[*i] and advances *i.
char32_t NextCodePoint(std::string_view s, size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len && *i + k < s.size(); ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
  *i += len;
  return cp;
}

// The byte a character had in windows-1252 / Latin-1 when it could be a mis-decoded
// UTF-8 byte (U+0080-U+00FF, or one of windows-1252's characters at 0x80-0x9F); -1 if not.
int MisdecodedByte(char32_t cp) {
  if (cp >= 0x80 && cp <= 0xFF) return static_cast<int>(cp);
  if (cp < 0x152 || cp > 0x2122) return -1;
  for (int b = 0x80; b <= 0x9F; ++b)
    if (RepairNumericReference(b) == cp) return b;
  return -1;
}

int Utf8SequenceLength(unsigned char lead) {
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

// Appends a run of possibly mis-decoded characters, re-decoding every valid UTF-8
// sequence their bytes form and reading lone C1 controls as windows-1252.
void AppendRepairedRun(const std::vector<char32_t>& run, std::string* out) {
  size_t j = 0;
  while (j < run.size()) {
    int lead = MisdecodedByte(run[j]);
    int len = Utf8SequenceLength(static_cast<unsigned char>(lead));
    if (len > 0 && j + len <= run.size()) {
      std::string bytes(1, static_cast<char>(lead));
      for (int k = 1; k < len; ++k) bytes += static_cast<char>(MisdecodedByte(run[j + k]));
      if (IsValidUtf8(bytes)) {
        out->append(bytes);
        j += len;
        continue;
      }
    }
    AppendUtf8(out, run[j] <= 0x9F ? RepairNumericReference(run[j]) : run[j]);
    ++j;
  }
}

}  // namespace

bool MayHaveMojibake(std::string_view text) {
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    // Lead bytes of U+0080-U+00FF (C2, C3) and of windows-1252's extra characters.
    if (u == 0xC2 || u == 0xC3 || u == 0xC5 || u == 0xC6 || u == 0xCB || u == 0xE2) return true;
  }
  return false;
}

std::string RepairMojibake(std::string_view text) {
  if (!MayHaveMojibake(text)) return std::string(text);
  std::string out;
  out.reserve(text.size());
  std::vector<char32_t> run;
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    char32_t cp = NextCodePoint(text, &i);
    if (MisdecodedByte(cp) >= 0) {
      run.push_back(cp);
      continue;
    }
    if (!run.empty()) {
      AppendRepairedRun(run, &out);
      run.clear();
    }
    out.append(text.substr(start, i - start));
  }
  if (!run.empty()) AppendRepairedRun(run, &out);
  return out;
}

}  // namespace gpalert
