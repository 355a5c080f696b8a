#include "parsers/text/visible_date.h"

#include <array>
#include <cctype>
#include <chrono>
#include <string>

#include "common/strings.h"
#include "parsers/text/date_parser.h"

namespace gpalert {
namespace {

using namespace std::chrono;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::optional<Instant> MakeDate(int y, int m, int d, int hh = 0, int mm = 0, int ss = 0) {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || hh > 23 || mm > 59 || ss > 60)
    return std::nullopt;
  year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return Instant{sys_days{ymd}} + hours{hh} + minutes{mm} + seconds{ss};
}

// Month number for an English month name or its 3+ letter abbreviation; 0 if none.
int MonthNumber(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  std::string w = AsciiLower(word);
  if (w == "sept") return 9;
  if (w.size() < 3) return 0;
  for (size_t i = 0; i < kMonths.size(); ++i)
    if (w == kMonths[i] || (w.size() == 3 && kMonths[i].substr(0, 3) == w))
      return static_cast<int>(i) + 1;
  return 0;
}

// Reads digits at s[*i]; returns the value and the count in *n.
int ReadNumber(std::string_view s, size_t* i, int* n) {
  int v = 0;
  *n = 0;
  while (*i < s.size() && IsDigit(s[*i]) && *n < 9) {
    v = v * 10 + (s[*i] - '0');
    ++*i;
    ++*n;
  }
  return v;
}

struct Token {
  enum Kind { kNumber, kWord, kOther } kind;
  std::string_view text;
  int value = 0;
};

std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> t;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (IsDigit(c)) {
      size_t b = i;
      int n = 0;
      int v = ReadNumber(s, &i, &n);
      // "6th", "1st": ordinal suffixes belong to the number
      if (i + 1 < s.size() && IsAlpha(s[i]) && IsAlpha(s[i + 1]) &&
          (i + 2 >= s.size() || !IsAlpha(s[i + 2]))) {
        std::string suf = AsciiLower(s.substr(i, 2));
        if (suf == "st" || suf == "nd" || suf == "rd" || suf == "th") i += 2;
      }
      t.push_back({Token::kNumber, s.substr(b, i - b), v});
    } else if (IsAlpha(c)) {
      size_t b = i;
      while (i < s.size() && IsAlpha(s[i])) ++i;
      t.push_back({Token::kWord, s.substr(b, i - b), 0});
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == '.') {
      ++i;  // separators that may sit inside a written date
    } else {
      size_t b = i;
      ++i;
      while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
      t.push_back({Token::kOther, s.substr(b, i - b), 0});
    }
  }
  return t;
}

bool IsYear(const Token& t) { return t.kind == Token::kNumber && t.text.size() == 4; }
bool IsDay(const Token& t) {
  return t.kind == Token::kNumber && t.value >= 1 && t.value <= 31 && t.text.size() <= 4;
}

}  // namespace

std::optional<Instant> FindVisibleDate(std::string_view text) {
  // ISO dates written in text first.
  for (size_t i = 0; i + 10 <= text.size(); ++i) {
    if ((i == 0 || !IsDigit(text[i - 1])) && IsDigit(text[i]) && IsDigit(text[i + 3]) &&
        text[i + 4] == '-' && text[i + 7] == '-' &&
        (i + 10 == text.size() || !IsDigit(text[i + 10]))) {
      if (auto d = ParseDate(text.substr(i, 10))) return d;
    }
  }
  std::vector<Token> t = Tokenize(text);
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i].kind != Token::kWord) continue;
    int m = MonthNumber(t[i].text);
    if (m == 0) continue;
    // "6 December 2021"
    if (i >= 1 && i + 1 < t.size() && IsDay(t[i - 1]) && IsYear(t[i + 1]))
      if (auto d = MakeDate(t[i + 1].value, m, t[i - 1].value)) return d;
    // "December 6, 2021"
    if (i + 2 < t.size() && IsDay(t[i + 1]) && IsYear(t[i + 2]))
      if (auto d = MakeDate(t[i + 2].value, m, t[i + 1].value)) return d;
    // "March 2024": only full month names (abbreviations are too often words: "Mar", "May")
    if (i + 1 < t.size() && IsYear(t[i + 1]) && t[i].text.size() > 3 &&
        !(i >= 1 && t[i - 1].kind == Token::kNumber))
      if (auto d = MakeDate(t[i + 1].value, m, 1)) return d;
  }
  return std::nullopt;
}

}  // namespace gpalert
