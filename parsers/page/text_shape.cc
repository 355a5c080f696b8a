#include "parsers/page/text_shape.h"

#include <algorithm>
#include <string>
#include <vector>

#include "common/strings.h"
#include "parsers/page/chrome_phrases.h"
#include "parsers/page/html_document.h"

namespace gpalert {
namespace {

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// A byte that starts a letter or digit: ASCII alphanumerics and every multi-byte lead
// (scripts beyond ASCII; punctuation there is rare enough in word counts).
bool StartsWordChar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsAsciiDigit(static_cast<char>(c)) ||
         c >= 0xC3;
}

bool IsNumber(std::string_view w) {
  if (w.empty()) return false;
  for (char c : w)
    if (!IsAsciiDigit(c)) return false;
  return true;
}

// Month and weekday names (and their abbreviations and declined forms) in the languages
// the chrome phrases cover.
bool IsDateName(std::string_view w) {
  static const TagSet kNames{
      "january",  "february",     "march",     "april",     "may",          "june",
      "july",     "august",       "september", "october",   "november",     "december",
      "jan",      "feb",          "mar",       "apr",       "jun",          "jul",
      "aug",      "sep",          "sept",      "oct",       "nov",          "dec",
      "monday",   "tuesday",      "wednesday", "thursday",  "friday",       "saturday",
      "sunday",   "mon",          "tue",       "wed",       "thu",          "fri",
      "sat",      "sun",          "yesterday", "today",     "januar",       "jänner",
      "februar",  "märz",         "mai",       "juni",      "juli",         "oktober",
      "dezember", "montag",       "dienstag",  "mittwoch",  "donnerstag",   "freitag",
      "samstag",  "sonntag",      "sonnabend", "gestern",   "heute",        "okt",
      "dez",      "mär",          "mrz",       "janvier",   "février",      "mars",
      "avril",    "juin",         "juillet",   "août",      "septembre",    "octobre",
      "novembre", "décembre",     "lundi",     "mardi",     "mercredi",     "jeudi",
      "vendredi", "samedi",       "dimanche",  "janv",      "févr",         "avr",
      "juil",     "déc",          "enero",     "febrero",   "marzo",        "abril",
      "mayo",     "junio",        "julio",     "agosto",    "septiembre",   "setiembre",
      "octubre",  "noviembre",    "diciembre", "lunes",     "martes",       "miércoles",
      "jueves",   "viernes",      "sábado",    "domingo",   "stycznia",     "lutego",
      "marca",    "kwietnia",     "maja",      "czerwca",   "lipca",        "sierpnia",
      "września", "października", "listopada", "grudnia",   "styczeń",      "luty",
      "marzec",   "kwiecień",     "maj",       "czerwiec",  "lipiec",       "sierpień",
      "wrzesień", "październik",  "listopad",  "grudzień",  "poniedziałek", "wtorek",
      "środa",    "czwartek",     "piątek",    "sobota",    "niedziela",    "gennaio",
      "febbraio", "aprile",       "maggio",    "giugno",    "luglio",       "settembre",
      "ottobre",  "dicembre",     "janeiro",   "fevereiro", "março",        "maio",
      "junho",    "julho",        "setembro",  "outubro",   "dezembro",     "januari",
      "februari", "maart",        "mei",       "augustus"};
  return kNames.Contains(w);
}

// Words datelines put around dates: times, zones, "updated", "am", "um", "de".
bool IsDateFiller(std::string_view w) {
  static const TagSet kFillers{"am",
                               "pm",
                               "at",
                               "on",
                               "of",
                               "the",
                               "st",
                               "nd",
                               "rd",
                               "th",
                               "updated",
                               "published",
                               "posted",
                               "last",
                               "asked",
                               "edited",
                               "answered",
                               "modified",
                               "date",
                               "ago",
                               "hours",
                               "hour",
                               "minutes",
                               "min",
                               "days",
                               "day",
                               "est",
                               "edt",
                               "pst",
                               "pdt",
                               "gmt",
                               "utc",
                               "cet",
                               "cest",
                               "et",
                               "uhr",
                               "um",
                               "vom",
                               "den",
                               "der",
                               "stand",
                               "aktualisiert",
                               "veröffentlicht",
                               "zuletzt",
                               "datum",
                               "erstellt",
                               "geändert",
                               "vor",
                               "stunden",
                               "minuten",
                               "tagen",
                               "mo",
                               "di",
                               "mi",
                               "do",
                               "fr",
                               "sa",
                               "so",
                               "le",
                               "à",
                               "h",
                               "publié",
                               "mis",
                               "jour",
                               "de",
                               "del",
                               "el",
                               "publicado",
                               "actualizado",
                               "hs",
                               "hrs",
                               "opublikowano",
                               "aktualizacja",
                               "zaktualizowano",
                               "r",
                               "godz",
                               ":",
                               "t",
                               "z"};
  return kFillers.Contains(w);
}

std::vector<std::string_view> FoldedWords(std::string_view folded) {
  std::vector<std::string_view> words;
  for (std::string_view w : Split(folded, ' '))
    if (!w.empty()) words.push_back(w);
  return words;
}

// The numeric date starting at s[i] has the shape of one: day and month of one or two
// digits with a year of two or four (24.01.2022, 1/3/21), or a four-digit year first
// (2021-10-16).
bool PlausibleDate(std::string_view s, std::size_t i) {
  std::size_t lengths[3] = {0, 0, 0};
  for (int g = 0; g < 3; ++g) {
    while (i < s.size() && IsAsciiDigit(s[i])) ++lengths[g], ++i;
    ++i;
  }
  if (lengths[0] == 4) return lengths[1] <= 2 && lengths[2] <= 2;
  return lengths[0] <= 2 && lengths[1] <= 2 && (lengths[2] == 2 || lengths[2] == 4);
}

// A written-out numeric date or time: 24.01.2022, 2021-10-16, 16/03/2021, 11:38.
bool HasNumericDate(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!IsAsciiDigit(s[i]) || (i > 0 && IsAsciiDigit(s[i - 1]))) continue;
    std::size_t j = i;
    int groups = 0;
    char sep = 0;
    while (j < s.size() && IsAsciiDigit(s[j])) {
      std::size_t start = j;
      while (j < s.size() && IsAsciiDigit(s[j])) ++j;
      if (j - start > 4) break;
      ++groups;
      if (j + 1 < s.size() && (s[j] == '.' || s[j] == '-' || s[j] == '/' || s[j] == ':') &&
          IsAsciiDigit(s[j + 1]) && (sep == 0 || sep == s[j])) {
        sep = s[j];
        ++j;
      } else {
        break;
      }
    }
    if ((sep == ':' && groups >= 2) || (sep != ':' && groups >= 3 && PlausibleDate(s, i)))
      return true;
  }
  return false;
}

}  // namespace

std::size_t WordCount(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false, cjk = false;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    bool continuation = (c & 0xC0) == 0x80;
    if (c >= 0xE3 && c <= 0xE9) {  // U+3000..U+9FFF: kana and ideographs, a word each
      ++words;
      in_word = false;
      cjk = true;
      continue;
    }
    if (continuation && cjk) continue;
    cjk = false;
    bool word = StartsWordChar(c) || (in_word && continuation);
    if (word && !in_word) ++words;
    in_word = word;
  }
  return words;
}

bool EndsLikeSentence(std::string_view text) {
  text = TrimAscii(text);
  // Closing quotes and brackets after the stop: ." .) .» .“ .”
  while (!text.empty()) {
    std::string_view t = text;
    if (t.back() == '"' || t.back() == '\'' || t.back() == ')') {
      text.remove_suffix(1);
    } else if (t.size() >= 2 &&
               (t.substr(t.size() - 2) == "\xC2\xBB" || t.substr(t.size() - 2) == "\xC2\xAB")) {
      text.remove_suffix(2);
    } else if (t.size() >= 3 && (t.substr(t.size() - 3) == "\xE2\x80\x9C" ||
                                 t.substr(t.size() - 3) == "\xE2\x80\x9D" ||
                                 t.substr(t.size() - 3) == "\xE2\x80\x99")) {
      text.remove_suffix(3);
    } else {
      break;
    }
  }
  if (text.empty()) return false;
  char c = text.back();
  if (c == '.' || c == '!' || c == '?') return true;
  if (text.size() < 3) return false;
  std::string_view last = text.substr(text.size() - 3);
  return last == "\xE2\x80\xA6" || last == "\xE3\x80\x82" || last == "\xEF\xBC\x81" ||
         last == "\xEF\xBC\x9F";  // … 。 ！ ？
}

bool ReadsLikeProse(std::string_view text) {
  std::size_t words = WordCount(text);
  if (IsSeparatedTrail(text)) return false;
  return words >= 12 || (words >= 5 && EndsLikeSentence(text));
}

bool IsDateline(std::string_view text) {
  if (text.size() > 200) return false;
  std::string folded = FoldChromeText(text);
  std::vector<std::string_view> words = FoldedWords(folded);
  if (words.empty() || words.size() > 14) return false;
  std::size_t numbers = 0, names = 0;
  for (std::string_view w : words) {
    if (IsNumber(w))
      ++numbers;
    else if (IsDateName(w))
      ++names;
    else if (!IsDateFiller(w))
      return false;
  }
  return numbers > 0 && (names > 0 || HasNumericDate(text));
}

bool IsCounter(std::string_view text) {
  if (text.size() > 40) return false;
  std::string folded = FoldChromeText(text);
  std::vector<std::string_view> words = FoldedWords(folded);
  if (words.size() < 2 || words.size() > 5) return false;
  std::size_t numbers = 0, names = 0;
  for (std::string_view w : words) {
    static const TagSet kCounterWords{"image", "images", "photo",  "photos", "slide",
                                      "bild",  "bilder", "foto",   "fotos",  "zdjęcie",
                                      "of",    "von",    "de",     "sur",    "z",
                                      "di",    "van",    "imagen", "picture"};
    if (IsNumber(w))
      ++numbers;
    else if (kCounterWords.Contains(w))
      ++names;
    else
      return false;
  }
  if (numbers != 2) return false;
  // "Bild 3 von 12", or bare "3 / 12".
  return names > 0 || (words.size() == 2 && text.find('/') != std::string_view::npos);
}

bool IsAgencyTag(std::string_view text) {
  text = TrimAscii(text);
  bool bracketed = text.size() >= 2 && text.front() == '(' && text.back() == ')';
  if (bracketed) text = text.substr(1, text.size() - 2);
  if (text.empty() || text.size() > 24) return false;
  // Parts of 2 to 6 ASCII letters split by '/', one of them in capitals (an agency), or
  // one such part in brackets.
  bool capitals = false;
  for (std::string_view part : Split(text, '/')) {
    if (part.size() < 2 || part.size() > 6) return false;
    bool upper = true;
    for (char c : part) {
      bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (!letter) return false;
      upper = upper && c >= 'A' && c <= 'Z';
    }
    capitals = capitals || upper;
  }
  bool slashed = text.find('/') != std::string_view::npos;
  return (capitals && (slashed || text.size() <= 4)) || (bracketed && !slashed);
}

bool IsSeparatedTrail(std::string_view text) {
  static constexpr std::string_view kSeparators[] = {
      " | ", " > ", " \xC2\xBB ", " \xE2\x80\xBA ", " / ", " \xE2\x80\xA2 ", " \xC2\xB7 ", " :: "};
  std::string t = CollapseWhitespace(text);
  for (std::string_view sep : kSeparators) {
    std::size_t parts = 1, longest = 0, start = 0;
    for (std::size_t p = t.find(sep); p != std::string::npos; p = t.find(sep, start)) {
      longest = std::max(longest, p - start);
      start = p + sep.size();
      ++parts;
    }
    longest = std::max(longest, t.size() - start);
    if (parts >= 3 && longest <= 60) return true;
  }
  return false;
}

}  // namespace gpalert
