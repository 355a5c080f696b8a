#include "alerts/matcher.h"

#include <algorithm>

#include "common/strings.h"

namespace gpalert {
namespace {

// Decodes the UTF-8 sequence at text[*i] and advances *i; ill-formed bytes come back
// one at a time as U+FFFD-like markers (0xFFFFFFFF) so they still count as letters.
char32_t NextCodePoint(std::string_view text, size_t* i) {
  unsigned char c = text[*i];
  size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || *i + len > text.size()) {
    ++*i;
    return 0xFFFFFFFF;
  }
  char32_t cp = len == 1 ? c : c & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    unsigned char cont = text[*i + k];
    if ((cont & 0xC0) != 0x80) {
      ++*i;
      return 0xFFFFFFFF;
    }
    cp = (cp << 6) | (cont & 0x3F);
  }
  *i += len;
  return cp;
}

// ASCII letters and digits, '_', and every non-ASCII character except Unicode
// punctuation and spaces (Latin-1 symbols, General Punctuation such as ’ “ — …, CJK
// punctuation), so "Modi’s" splits like "Modi's".
bool IsWordCodePoint(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
           cp == '_';
  }
  if (cp >= 0xA0 && cp <= 0xBF && cp != 0xAA && cp != 0xB5 && cp != 0xBA) return false;
  if (cp == 0xD7 || cp == 0xF7) return false;
  if (cp >= 0x2000 && cp <= 0x206F) return false;
  if (cp >= 0x3000 && cp <= 0x303F) return false;
  if (cp == 0xFEFF) return false;
  return true;
}

// Simple lower-casing: ASCII, Latin-1, Latin Extended-A pairs, Greek and Cyrillic capitals.
char32_t LowerCodePoint(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
  if (cp >= 0x100 && cp <= 0x137 && cp % 2 == 0) return cp + 1;
  if (cp >= 0x139 && cp <= 0x148 && cp % 2 == 1) return cp + 1;
  if (cp >= 0x14A && cp <= 0x177 && cp % 2 == 0) return cp + 1;
  if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) return cp + 32;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  return cp;
}

std::vector<std::string> LowerAll(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  for (const auto& w : words) out.push_back(AsciiLower(TrimAscii(w)));
  return out;
}

bool ContainsPhrase(const std::vector<std::string>& words, const std::vector<std::string>& phrase) {
  if (phrase.empty() || phrase.size() > words.size()) return false;
  return std::search(words.begin(), words.end(), phrase.begin(), phrase.end()) != words.end();
}

}  // namespace

std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  for (size_t i = 0; i < text.size();) {
    size_t start = i;
    char32_t cp = NextCodePoint(text, &i);
    if (cp == 0xFFFFFFFF) {
      current.append(text.substr(start, i - start));  // ill-formed byte: part of a word
    } else if (IsWordCodePoint(cp)) {
      AppendUtf8(&current, LowerCodePoint(cp));
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

Matcher::Matcher(const Subscriber& subscriber, const SourceTags& source_tags)
    : sources_(subscriber.sources), tags_(LowerAll(subscriber.tags)) {
  for (const auto& [name, tags] : source_tags) source_tags_[name] = LowerAll(tags);
  for (const auto& keyword : subscriber.keywords) {
    std::vector<std::string> words = SplitWords(keyword);
    if (!words.empty()) keywords_.push_back(std::move(words));
  }
}

bool Matcher::MatchesSources(const std::vector<std::string>& article_sources) const {
  if (sources_.empty() && tags_.empty()) return true;
  for (const auto& source : article_sources) {
    if (std::find(sources_.begin(), sources_.end(), source) != sources_.end()) return true;
    auto it = source_tags_.find(source);
    if (it == source_tags_.end()) continue;
    for (const auto& tag : it->second) {
      if (std::find(tags_.begin(), tags_.end(), tag) != tags_.end()) return true;
    }
  }
  return false;
}

bool Matcher::MatchesKeywords(std::string_view title, std::string_view summary) const {
  if (keywords_.empty()) return true;
  std::vector<std::string> title_words = SplitWords(title);
  std::vector<std::string> summary_words = SplitWords(summary);
  for (const auto& phrase : keywords_) {
    if (ContainsPhrase(title_words, phrase) || ContainsPhrase(summary_words, phrase)) return true;
  }
  return false;
}

bool Matcher::Matches(const StoredArticle& article) const {
  return MatchesSources(article.sources) &&
         MatchesKeywords(article.title,
                         article.summary ? std::string_view(*article.summary) : std::string_view());
}

}  // namespace gpalert
