#include "parsers/text/date_parser.h"

#include <array>
#include <charconv>
#include <chrono>
#include <string>
#include <vector>

#include "common/strings.h"

namespace gpalert {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_days;

// The fields a date string was taken apart into, before validation.
struct DateFields {
  int year = -1;
  int month = -1;    // 1..12
  int day = -1;      // 1..31
  int ordinal = -1;  // day of the year (ISO ordinal dates) instead of month/day
  int hour = 0;
  int minute = 0;
  int second = 0;
  int offset_minutes = 0;  // zone offset east of UTC
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!IsDigit(c)) return false;
  return true;
}

bool AllAlpha(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!IsAlpha(c)) return false;
  return true;
}

int ToInt(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

std::optional<Instant> Assemble(const DateFields& f) {
  using namespace std::chrono;
  if (f.year < 1 || f.year > 9999) return std::nullopt;
  sys_days date;
  if (f.ordinal > 0) {
    year_month_day first{year{f.year}, January, day{1}};
    int length = year{f.year}.is_leap() ? 366 : 365;
    if (f.ordinal > length) return std::nullopt;
    date = sys_days(first) + days(f.ordinal - 1);
  } else {
    if (f.month < 1 || f.month > 12 || f.day < 1) return std::nullopt;
    year_month_day ymd{year{f.year}, month{static_cast<unsigned>(f.month)},
                       day{static_cast<unsigned>(f.day)}};
    if (!ymd.ok()) return std::nullopt;
    date = sys_days(ymd);
  }
  bool end_of_day = f.hour == 24 && f.minute == 0 && f.second == 0;
  if ((f.hour > 23 && !end_of_day) || f.minute > 59 || f.second > 60) return std::nullopt;
  return Instant(date) + hours(f.hour) + minutes(f.minute) + seconds(f.second) -
         minutes(f.offset_minutes);
}

// Zone abbreviations seen in feeds, with their offsets in minutes east of UTC. US zones
// win over same-named others (CST is US Central); the single letters follow feedparser.
struct ZoneName {
  std::string_view name;
  int offset_minutes;
};
constexpr std::array kZoneNames = {
    ZoneName{"ut", 0},     ZoneName{"utc", 0},     ZoneName{"gmt", 0},     ZoneName{"z", 0},
    ZoneName{"wet", 0},    ZoneName{"west", 60},   ZoneName{"bst", 60},    ZoneName{"ist", 330},
    ZoneName{"cet", 60},   ZoneName{"cest", 120},  ZoneName{"met", 60},    ZoneName{"mest", 120},
    ZoneName{"mez", 60},   ZoneName{"mesz", 120},  ZoneName{"eet", 120},   ZoneName{"eest", 180},
    ZoneName{"msk", 180},  ZoneName{"msd", 240},   ZoneName{"pkt", 300},   ZoneName{"ict", 420},
    ZoneName{"wib", 420},  ZoneName{"hkt", 480},   ZoneName{"sgt", 480},   ZoneName{"awst", 480},
    ZoneName{"jst", 540},  ZoneName{"kst", 540},   ZoneName{"acst", 570},  ZoneName{"aest", 600},
    ZoneName{"acdt", 630}, ZoneName{"aedt", 660},  ZoneName{"nzst", 720},  ZoneName{"nzdt", 780},
    ZoneName{"nst", -210}, ZoneName{"ndt", -150},  ZoneName{"at", -240},   ZoneName{"ast", -240},
    ZoneName{"adt", -180}, ZoneName{"et", -300},   ZoneName{"est", -300},  ZoneName{"edt", -240},
    ZoneName{"ct", -360},  ZoneName{"cst", -360},  ZoneName{"cdt", -300},  ZoneName{"mt", -420},
    ZoneName{"mst", -420}, ZoneName{"mdt", -360},  ZoneName{"pt", -480},   ZoneName{"pst", -480},
    ZoneName{"pdt", -420}, ZoneName{"akst", -540}, ZoneName{"akdt", -480}, ZoneName{"hst", -600},
    ZoneName{"a", -60},    ZoneName{"n", 60},      ZoneName{"m", -720},    ZoneName{"y", 720},
};

std::optional<int> ZoneOffsetByName(std::string_view lower_name) {
  for (const auto& z : kZoneNames)
    if (z.name == lower_name) return z.offset_minutes;
  return std::nullopt;
}

// "+hhmm", "+hh:mm", "+hh", "+h", "-..." (sign included) → minutes east of UTC.
std::optional<int> ParseNumericOffset(std::string_view s) {
  if (s.size() < 2 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
  int sign = s[0] == '-' ? -1 : 1;
  std::string_view rest = s.substr(1);
  int h = 0, m = 0;
  auto colon = rest.find(':');
  if (colon != std::string_view::npos) {
    if (!AllDigits(rest.substr(0, colon)) || !AllDigits(rest.substr(colon + 1)))
      return std::nullopt;
    if (colon > 2 || rest.size() - colon - 1 != 2) return std::nullopt;
    h = ToInt(rest.substr(0, colon));
    m = ToInt(rest.substr(colon + 1));
  } else {
    if (!AllDigits(rest)) return std::nullopt;
    if (rest.size() <= 2) {
      h = ToInt(rest);
    } else if (rest.size() == 3 || rest.size() == 4) {
      h = ToInt(rest.substr(0, rest.size() - 2));
      m = ToInt(rest.substr(rest.size() - 2));
    } else {
      return std::nullopt;
    }
  }
  if (h > 23 || m > 59) return std::nullopt;
  return sign * (h * 60 + m);
}

// A zone written any way: name, numeric offset, or "GMT+1" / "UTC-05:00" / "Etc/GMT".
std::optional<int> ParseZone(std::string_view lower) {
  if (lower.empty()) return std::nullopt;
  if (StartsWithIgnoreCase(lower, "etc/")) lower.remove_prefix(4);
  if (lower[0] == '+' || lower[0] == '-') return ParseNumericOffset(lower);
  for (std::string_view prefix : {"gmt", "utc", "ut"}) {
    if (lower.size() > prefix.size() && lower.substr(0, prefix.size()) == prefix &&
        (lower[prefix.size()] == '+' || lower[prefix.size()] == '-'))
      return ParseNumericOffset(lower.substr(prefix.size()));
  }
  return ZoneOffsetByName(lower);
}

// hh[:mm[:ss[.frac]]] or hhmm[ss] at s[*pos]; advances *pos past what it read.
bool ParseClock(std::string_view s, size_t* pos, DateFields* f) {
  size_t i = *pos;
  auto digits = [&](size_t at) {
    size_t j = at;
    while (j < s.size() && IsDigit(s[j])) ++j;
    return j - at;
  };
  size_t n = digits(i);
  if (n == 4 || n == 6) {  // compact hhmm[ss]
    f->hour = ToInt(s.substr(i, 2));
    f->minute = ToInt(s.substr(i + 2, 2));
    if (n == 6) f->second = ToInt(s.substr(i + 4, 2));
    i += n;
  } else if (n == 1 || n == 2) {
    f->hour = ToInt(s.substr(i, n));
    i += n;
    if (i < s.size() && s[i] == ':') {
      size_t m = digits(i + 1);
      if (m != 2) return false;
      f->minute = ToInt(s.substr(i + 1, 2));
      i += 3;
      if (i < s.size() && s[i] == ':') {
        size_t sec = digits(i + 1);
        if (sec != 2) return false;
        f->second = ToInt(s.substr(i + 1, 2));
        i += 3;
      }
    }
  } else {
    return false;
  }
  if (i < s.size() && (s[i] == '.' || s[i] == ',') && i + 1 < s.size() && IsDigit(s[i + 1])) {
    ++i;
    while (i < s.size() && IsDigit(s[i])) ++i;  // fractions are dropped: whole seconds
  }
  *pos = i;
  return true;
}

// W3C-DTF / ISO 8601: 2004-01-05, 20040105, 2004-005, 2004-01, 2004, each optionally
// followed by T or a space, a clock time and a zone (Z, ±hh:mm, ±hhmm, ±hh, or a name).
std::optional<Instant> ParseIso8601(std::string_view s) {
  DateFields f;
  size_t i = 0;
  auto run = [&](size_t at) {
    size_t j = at;
    while (j < s.size() && IsDigit(s[j])) ++j;
    return j - at;
  };
  size_t n = run(0);
  if (n == 8) {
    f.year = ToInt(s.substr(0, 4));
    f.month = ToInt(s.substr(4, 2));
    f.day = ToInt(s.substr(6, 2));
    i = 8;
  } else if (n == 7) {
    f.year = ToInt(s.substr(0, 4));
    f.ordinal = ToInt(s.substr(4, 3));
    i = 7;
  } else if (n == 4) {
    f.year = ToInt(s.substr(0, 4));
    i = 4;
    f.month = 1;
    f.day = 1;
    if (i < s.size() && s[i] == '-') {
      size_t m = run(i + 1);
      if (m == 3) {
        f.ordinal = ToInt(s.substr(i + 1, 3));
        i += 4;
      } else if (m == 2 || m == 1) {
        f.month = ToInt(s.substr(i + 1, m));
        i += 1 + m;
        if (i < s.size() && s[i] == '-') {
          size_t d = run(i + 1);
          if (d != 2 && d != 1) return std::nullopt;
          f.day = ToInt(s.substr(i + 1, d));
          i += 1 + d;
        }
      } else {
        return std::nullopt;
      }
    }
  } else {
    return std::nullopt;
  }
  if (i == s.size()) return Assemble(f);
  if (s[i] == 'T' || s[i] == 't' || s[i] == ' ') {
    ++i;
    while (i < s.size() && s[i] == ' ') ++i;
    if (i == s.size() || !IsDigit(s[i])) return std::nullopt;
    if (!ParseClock(s, &i, &f)) return std::nullopt;
  } else {
    return std::nullopt;
  }
  while (i < s.size() && s[i] == ' ') ++i;
  if (i < s.size()) {
    std::string zone = AsciiLower(TrimAscii(s.substr(i)));
    auto offset = ParseZone(zone);
    if (!offset) return std::nullopt;
    f.offset_minutes = *offset;
  }
  return Assemble(f);
}

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};
constexpr std::array<std::string_view, 7> kWeekdays = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

// True when `word` abbreviates `full` to at least three letters ("sep", "sept", "september").
bool Abbreviates(std::string_view word, std::string_view full) {
  return word.size() >= 3 && word.size() <= full.size() && full.substr(0, word.size()) == word;
}

int MonthFromWord(std::string_view word) {
  for (size_t m = 0; m < kMonths.size(); ++m)
    if (Abbreviates(word, kMonths[m])) return static_cast<int>(m) + 1;
  return 0;
}

bool IsWeekday(std::string_view word) {
  for (auto w : kWeekdays)
    if (Abbreviates(word, w)) return true;
  return word == "tues" || word == "thur" || word == "thurs";
}

// Splits the lower-cased text into tokens: white space and commas separate; a
// parenthesised comment is dropped; "05-jan-2004" and "2004/01/05" come apart.
std::vector<std::string> Tokenize(std::string_view lower) {
  std::vector<std::string> tokens;
  std::string cur;
  int depth = 0;
  auto flush = [&] {
    if (!cur.empty()) tokens.push_back(std::move(cur));
    cur.clear();
  };
  for (char c : lower) {
    if (c == '(') {
      flush();
      ++depth;
    } else if (c == ')') {
      if (depth > 0) --depth;
    } else if (depth > 0) {
      continue;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',') {
      flush();
    } else {
      cur += c;
    }
  }
  flush();
  std::vector<std::string> out;
  for (auto& t : tokens) {
    bool has_alpha = false;
    for (char c : t) has_alpha |= IsAlpha(c);
    bool dashed_date = has_alpha && t.find('-') != std::string::npos && IsDigit(t[0]);
    bool dashed_month = has_alpha && t.find('-') != std::string::npos &&
                        MonthFromWord(std::string_view(t).substr(0, t.find('-'))) != 0;
    if (dashed_date || dashed_month) {
      for (auto part : Split(t, '-'))
        if (!part.empty()) out.emplace_back(part);
    } else {
      out.push_back(std::move(t));
    }
  }
  return out;
}

// RFC 822 / 1123 / 2822 and the sloppy forms seen in the wild, plus asctime and
// "yyyy/mm/dd": the fields may come in any usual order; seconds, time and zone may be
// missing; a two-digit year below 90 is 20xx, else 19xx.
std::optional<Instant> ParseRfc822Like(std::string_view lower) {
  DateFields f;
  bool have_time = false, have_zone = false;
  int meridiem = 0;  // 1 am, 2 pm
  int year_digits = 0;
  for (std::string_view t : Tokenize(lower)) {
    while (!t.empty() && t.back() == '.' && t.size() > 1 && IsAlpha(t[t.size() - 2]))
      t.remove_suffix(1);
    if (t.empty()) continue;
    if (t == "am" || t == "a.m." || t == "a.m") {
      meridiem = 1;
      continue;
    }
    if (t == "pm" || t == "p.m." || t == "p.m") {
      meridiem = 2;
      continue;
    }
    if (t == "at" || t == "on" || t == "the" || t == "of") continue;
    if (AllAlpha(t) && IsWeekday(t)) continue;
    if (AllAlpha(t) && t.size() >= 3 && MonthFromWord(t) != 0 && !ZoneOffsetByName(t)) {
      if (f.month != -1) return std::nullopt;
      f.month = MonthFromWord(t);
      continue;
    }
    if (t.find(':') != std::string_view::npos && IsDigit(t[0])) {
      if (have_time) return std::nullopt;
      size_t pos = 0;
      if (!ParseClock(t, &pos, &f)) return std::nullopt;
      have_time = true;
      std::string_view rest = t.substr(pos);
      if (rest == "am")
        meridiem = 1;
      else if (rest == "pm")
        meridiem = 2;
      else if (!rest.empty()) {
        auto offset = ParseZone(rest);
        if (!offset) return std::nullopt;
        f.offset_minutes = *offset;
        have_zone = true;
      }
      continue;
    }
    if (t.find('/') != std::string_view::npos && IsDigit(t[0]) && t.find("/", 0) < 5) {
      auto parts = Split(t, '/');
      if (parts.size() != 3 || f.year != -1 || f.month != -1 || f.day != -1) return std::nullopt;
      for (auto p : parts)
        if (!AllDigits(p) || p.size() > 4) return std::nullopt;
      if (parts[0].size() == 4) {  // yyyy/mm/dd
        f.year = ToInt(parts[0]);
        f.month = ToInt(parts[1]);
        f.day = ToInt(parts[2]);
        year_digits = 4;
      } else if (parts[2].size() == 4) {  // mm/dd/yyyy, or dd/mm/yyyy when unambiguous
        int a = ToInt(parts[0]), b = ToInt(parts[1]);
        f.year = ToInt(parts[2]);
        year_digits = 4;
        f.month = a > 12 ? b : a;
        f.day = a > 12 ? a : b;
      } else {
        return std::nullopt;
      }
      continue;
    }
    if ((t[0] == '+' || t[0] == '-') && t.size() > 1 && IsDigit(t[1])) {
      if (have_zone) return std::nullopt;
      auto offset = ParseNumericOffset(t);
      if (!offset) return std::nullopt;
      f.offset_minutes = *offset;
      have_zone = true;
      continue;
    }
    if (AllDigits(t)) {
      if (t.size() >= 3) {
        if (f.year != -1 || t.size() > 4) return std::nullopt;
        f.year = ToInt(t);
        year_digits = static_cast<int>(t.size());
      } else if (f.day == -1) {
        f.day = ToInt(t);
      } else if (f.year == -1) {
        f.year = ToInt(t);
        year_digits = static_cast<int>(t.size());
      } else {
        return std::nullopt;
      }
      continue;
    }
    // Anything else must be a zone ("est", "gmt+1", "etc/gmt"); an unknown
    // abbreviation after the time counts as UTC, as feedparser does.
    if (!have_zone) {
      auto offset = ParseZone(t);
      if (offset) {
        f.offset_minutes = *offset;
        have_zone = true;
        continue;
      }
      if (AllAlpha(t) && t.size() <= 5 && have_time) {
        have_zone = true;
        continue;
      }
    }
    return std::nullopt;
  }
  if (f.year == -1 || f.month == -1 || f.day == -1) return std::nullopt;
  if (year_digits <= 2)
    f.year += f.year < 90 ? 2000 : 1900;
  else if (year_digits == 3)
    f.year += 1900;
  if (meridiem != 0) {
    if (!have_time || f.hour < 1 || f.hour > 12) return std::nullopt;
    if (meridiem == 1 && f.hour == 12) f.hour = 0;
    if (meridiem == 2 && f.hour != 12) f.hour += 12;
  }
  return Assemble(f);
}

}  // namespace

std::optional<Instant> ParseDate(std::string_view text) {
  std::string_view s = TrimAscii(text);
  if (s.empty() || s.size() > 200) return std::nullopt;
  if (IsDigit(s[0])) {
    if (auto iso = ParseIso8601(s)) return iso;
  }
  return ParseRfc822Like(AsciiLower(s));
}

}  // namespace gpalert
