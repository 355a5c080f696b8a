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

// Lower case for ASCII and the Latin-1 capitals (U+00C0-U+00DE, "É" -> "é").
std::string LatinLower(std::string_view word) {
  std::string w = AsciiLower(word);
  for (size_t i = 0; i + 1 < w.size(); ++i) {
    auto b = static_cast<unsigned char>(w[i + 1]);
    if (static_cast<unsigned char>(w[i]) == 0xC3 && b >= 0x80 && b <= 0x9E && b != 0x97)
      w[i + 1] = static_cast<char>(b + 0x20);
  }
  return w;
}

struct MonthName {
  std::string_view name;  // lower case, UTF-8
  int month;
  bool english;
};

// Month names as European pages write them: English, German, French, Spanish,
// Portuguese, Italian, Dutch, and Polish (genitive, as dates use it, and nominative).
constexpr MonthName kMonthNames[] = {
    {"january", 1, true},
    {"february", 2, true},
    {"march", 3, true},
    {"april", 4, true},
    {"may", 5, true},
    {"june", 6, true},
    {"july", 7, true},
    {"august", 8, true},
    {"september", 9, true},
    {"october", 10, true},
    {"november", 11, true},
    {"december", 12, true},
    {"januar", 1, false},
    {"j\xC3\xA4nner", 1, false},
    {"februar", 2, false},
    {"m\xC3\xA4rz", 3, false},
    {"mai", 5, false},
    {"juni", 6, false},
    {"juli", 7, false},
    {"oktober", 10, false},
    {"dezember", 12, false},
    {"janvier", 1, false},
    {"f\xC3\xA9vrier", 2, false},
    {"mars", 3, false},
    {"avril", 4, false},
    {"juin", 6, false},
    {"juillet", 7, false},
    {"ao\xC3\xBBt", 8, false},
    {"septembre", 9, false},
    {"octobre", 10, false},
    {"novembre", 11, false},
    {"d\xC3\xA9"
     "cembre",
     12, false},
    {"enero", 1, false},
    {"febrero", 2, false},
    {"marzo", 3, false},
    {"abril", 4, false},
    {"mayo", 5, false},
    {"junio", 6, false},
    {"julio", 7, false},
    {"agosto", 8, false},
    {"septiembre", 9, false},
    {"setiembre", 9, false},
    {"octubre", 10, false},
    {"noviembre", 11, false},
    {"diciembre", 12, false},
    {"janeiro", 1, false},
    {"fevereiro", 2, false},
    {"mar\xC3\xA7o", 3, false},
    {"maio", 5, false},
    {"junho", 6, false},
    {"julho", 7, false},
    {"setembro", 9, false},
    {"outubro", 10, false},
    {"dezembro", 12, false},
    {"gennaio", 1, false},
    {"febbraio", 2, false},
    {"aprile", 4, false},
    {"maggio", 5, false},
    {"giugno", 6, false},
    {"luglio", 7, false},
    {"settembre", 9, false},
    {"ottobre", 10, false},
    {"dicembre", 12, false},
    {"januari", 1, false},
    {"februari", 2, false},
    {"maart", 3, false},
    {"mei", 5, false},
    {"augustus", 8, false},
    {"stycznia", 1, false},
    {"lutego", 2, false},
    {"marca", 3, false},
    {"kwietnia", 4, false},
    {"maja", 5, false},
    {"czerwca", 6, false},
    {"lipca", 7, false},
    {"sierpnia", 8, false},
    {"wrze\xC5\x9Bnia", 9, false},
    {"pa\xC5\xBA"
     "dziernika",
     10, false},
    {"listopada", 11, false},
    {"grudnia", 12, false},
    {"stycze\xC5\x84", 1, false},
    {"luty", 2, false},
    {"marzec", 3, false},
    {"kwiecie\xC5\x84", 4, false},
    {"maj", 5, false},
    {"czerwiec", 6, false},
    {"lipiec", 7, false},
    {"sierpie\xC5\x84", 8, false},
    {"wrzesie\xC5\x84", 9, false},
    {"pa\xC5\xBA"
     "dziernik",
     10, false},
    {"listopad", 11, false},
    {"grudzie\xC5\x84", 12, false},
};

// Month number for a month name (kMonthNames) or an English 3+ letter abbreviation; 0
// if none. *english tells which.
int MonthNumber(std::string_view word, bool* english) {
  std::string w = LatinLower(word);
  *english = true;
  if (w == "sept") return 9;
  if (w.size() < 3) return 0;
  for (const MonthName& m : kMonthNames) {
    if (w == m.name || (m.english && w.size() == 3 && m.name.substr(0, 3) == w)) {
      *english = m.english;
      return m.month;
    }
  }
  return 0;
}

// A letter of a month name: ASCII, or a Latin letter of U+00C0-U+024F (not U+00D7 x,
// U+00F7 /) starting at s[i]; its length in bytes, 0 when none.
size_t LetterAt(std::string_view s, size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return 1;
  if (i + 1 >= s.size() || c < 0xC3 || c > 0xC9) return 0;
  auto d = static_cast<unsigned char>(s[i + 1]);
  if ((d & 0xC0) != 0x80) return 0;
  if (c == 0xC3 && (d == 0x97 || d == 0xB7)) return 0;
  return 2;
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
      // "6th", "1st", "1er": ordinal suffixes belong to the number
      if (i + 1 < s.size() && IsAlpha(s[i]) && IsAlpha(s[i + 1]) &&
          (i + 2 >= s.size() || !IsAlpha(s[i + 2]))) {
        std::string suf = AsciiLower(s.substr(i, 2));
        if (suf == "st" || suf == "nd" || suf == "rd" || suf == "th" || (suf == "er" && v == 1))
          i += 2;  // "1er": French "premier"
      }
      t.push_back({Token::kNumber, s.substr(b, i - b), v});
    } else if (size_t n = LetterAt(s, i); n > 0) {
      size_t b = i;
      while (i < s.size() && (n = LetterAt(s, i)) > 0) i += n;
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
  // "06.12.2021": day, month, year with dots, as European pages write them.
  for (size_t i = 0; i < text.size(); ++i) {
    if (!IsDigit(text[i]) || (i > 0 && (IsDigit(text[i - 1]) || text[i - 1] == '.'))) continue;
    size_t j = i;
    int nd = 0, nm = 0, ny = 0;
    int d = ReadNumber(text, &j, &nd);
    if (nd > 2 || j >= text.size() || text[j] != '.') continue;
    ++j;
    int m = ReadNumber(text, &j, &nm);
    if (nm == 0 || nm > 2 || j >= text.size() || text[j] != '.') continue;
    ++j;
    int y = ReadNumber(text, &j, &ny);
    if (ny != 4 ||
        (j < text.size() &&
         (IsDigit(text[j]) || (text[j] == '.' && j + 1 < text.size() && IsDigit(text[j + 1])))))
      continue;
    if (auto date = MakeDate(y, m, d)) return date;
  }
  std::vector<Token> t;
  for (const Token& token : Tokenize(text)) {
    // "6 de diciembre de 2021": the Spanish and Portuguese "de" joins the parts.
    if (token.kind == Token::kWord && (token.text == "de" || token.text == "del")) continue;
    t.push_back(token);
  }
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i].kind != Token::kWord) continue;
    bool english = true;
    int m = MonthNumber(t[i].text, &english);
    if (m == 0) continue;
    // "6 December 2021"
    if (i >= 1 && i + 1 < t.size() && IsDay(t[i - 1]) && IsYear(t[i + 1]))
      if (auto d = MakeDate(t[i + 1].value, m, t[i - 1].value)) return d;
    // "December 6, 2021"
    if (i + 2 < t.size() && IsDay(t[i + 1]) && IsYear(t[i + 2]))
      if (auto d = MakeDate(t[i + 2].value, m, t[i + 1].value)) return d;
    // "March 2024": only full month names (abbreviations are too often words: "Mar",
    // "May"), and of other languages only those that are no English word ("Mars").
    if (i + 1 < t.size() && IsYear(t[i + 1]) && t[i].text.size() > (english ? 3 : 4) &&
        !(i >= 1 && t[i - 1].kind == Token::kNumber))
      if (auto d = MakeDate(t[i + 1].value, m, 1)) return d;
  }
  return std::nullopt;
}

}  // namespace gpalert
