#include "alerts/dedup/fingerprint.h"

#include <algorithm>
#include <limits>

#include "common/sha256.h"
#include "common/strings.h"

namespace gpalert {
namespace {

// One code point from `s` at `*i` (advanced past it); U+FFFD for a malformed sequence.
char32_t NextCodePoint(std::string_view s, std::size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || *i + len > s.size()) {
    ++*i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? c : c & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[*i + k]);
    if ((cc & 0xC0) != 0x80) {
      ++*i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  *i += len;
  return cp;
}

enum class CharClass { kWord, kSeparator, kIgnored, kOwnWord };

CharClass Classify(char32_t cp) {
  if (cp < 0x80) {
    bool alnum = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    return alnum ? CharClass::kWord : CharClass::kSeparator;
  }
  if (cp == 0xAD || (cp >= 0x300 && cp <= 0x36F) || cp == 0x200C || cp == 0x200D || cp == 0xFEFF)
    return CharClass::kIgnored;  // soft hyphen, combining marks, joiners, BOM
  if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7) return CharClass::kSeparator;
  if (cp >= 0x2000 && cp <= 0x2BFF) return CharClass::kSeparator;  // punctuation, symbols
  if (cp >= 0x3000 && cp <= 0x303F) return CharClass::kSeparator;  // CJK punctuation
  if ((cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF0F) ||
      (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
      (cp >= 0xFF5B && cp <= 0xFF65) || (cp >= 0xFFF0 && cp <= 0xFFFF))
    return CharClass::kSeparator;  // full-width punctuation, specials
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return CharClass::kSeparator;  // emoji, pictographs
  if (cp >= 0x20000 && cp <= 0x3FFFF) return CharClass::kOwnWord;    // CJK extensions
  if ((cp >= 0xE000 && cp <= 0xF8FF)) return CharClass::kSeparator;  // private use
  if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x9FFF) ||
      (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF))
    return CharClass::kOwnWord;  // kana, CJK ideographs, hangul: no spaces between words
  return CharClass::kWord;
}

char32_t FoldCase(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
  if (cp >= 0x100 && cp <= 0x17F && cp != 0x130 && cp != 0x131 && cp != 0x138 && cp != 0x149 &&
      cp != 0x17F) {
    // Latin Extended-A pairs: even upper, odd lower, except 0x139-0x148 and 0x179-0x17E.
    bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    if (odd_upper ? (cp % 2 == 1) : (cp % 2 == 0)) return cp + 1;
    return cp;
  }
  if (cp >= 0x391 && cp <= 0x3A9) return cp + 32;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  return cp;
}

// 64-bit FNV-1a, finished with splitmix64's mixer (FNV alone spreads short words badly).
std::uint64_t HashWord(std::string_view w) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : w) h = (h ^ c) * 0x100000001b3ULL;
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  return h ^ (h >> 31);
}

std::uint64_t Mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// The MinHash family: h_i(x) = high 32 bits of (a_i * x + b_i) mod 2^64, a_i odd,
// fixed for ever (stored signatures depend on them), derived from a constant seed.
struct MinHashFamily {
  std::array<std::uint64_t, kMinHashes> a{};
  std::array<std::uint64_t, kMinHashes> b{};
  MinHashFamily() {
    for (int i = 0; i < kMinHashes; ++i) {
      a[i] = Mix(2 * i + 1) | 1;
      b[i] = Mix(2 * i + 2);
    }
  }
};

const MinHashFamily& Family() {
  static const MinHashFamily family;  // immutable after construction
  return family;
}

// out[i] = min(out[i], h_i(s)) over `shingles`. The hot loop of a fingerprint (128
// multiplications a shingle): compiled for x86-64-v4 (AVX-512) and AVX2 too, the CPU's best taken
// at load time (same values on every path: integer arithmetic).
__attribute__((target_clones("arch=x86-64-v4", "avx2", "default"))) void MinHashInto(
    const std::vector<std::uint64_t>& shingles, const MinHashFamily& family,
    std::array<std::uint32_t, kMinHashes>* out) {
  for (std::uint64_t s : shingles) {
    for (int i = 0; i < kMinHashes; ++i) {
      auto v = static_cast<std::uint32_t>((family.a[i] * s + family.b[i]) >> 32);
      (*out)[i] = std::min((*out)[i], v);
    }
  }
}

// Appends the shingle hashes of `words` (duplicates too: the caller sorts them out).
void AddShingles(const std::vector<std::uint64_t>& words, std::vector<std::uint64_t>* out) {
  if (words.empty()) return;
  if (words.size() < 3) {
    std::uint64_t h = 0;
    for (std::uint64_t w : words) h = Mix(h ^ w);
    out->push_back(h);
    return;
  }
  for (std::size_t i = 0; i + 3 <= words.size(); ++i)
    out->push_back(Mix(Mix(Mix(words[i]) ^ words[i + 1]) ^ words[i + 2]));
}

std::vector<std::uint64_t> WordHashes(const std::vector<std::string>& words) {
  std::vector<std::uint64_t> out;
  out.reserve(words.size());
  for (const std::string& w : words) out.push_back(HashWord(w));
  return out;
}

}  // namespace

std::vector<std::string> FingerprintWords(std::string_view text, std::size_t max_words) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  for (std::size_t i = 0; i < text.size() && words.size() < max_words;) {
    char32_t cp = NextCodePoint(text, &i);
    switch (Classify(cp)) {
      case CharClass::kWord:
        AppendUtf8(&word, FoldCase(cp));
        break;
      case CharClass::kOwnWord:
        flush();
        AppendUtf8(&word, cp);
        flush();
        break;
      case CharClass::kSeparator:
        flush();
        break;
      case CharClass::kIgnored:
        break;
    }
  }
  flush();
  if (words.size() > max_words) words.resize(max_words);
  return words;
}

std::optional<Fingerprint> FingerprintArticle(std::string_view title, std::string_view body) {
  std::vector<std::string> body_words = FingerprintWords(body);
  if (static_cast<int>(body_words.size()) < kMinFingerprintWords) return std::nullopt;
  Fingerprint f;
  std::string normalised;
  normalised.reserve(body.size());
  for (const std::string& w : body_words) {
    if (!normalised.empty()) normalised += ' ';
    normalised += w;
  }
  f.content_hash = Sha256Hex(normalised);

  // A sorted vector, not a hash set: no allocation per shingle.
  std::vector<std::uint64_t> shingles;
  shingles.reserve(body_words.size() + 16);
  AddShingles(WordHashes(FingerprintWords(title)), &shingles);
  AddShingles(WordHashes(body_words), &shingles);
  std::sort(shingles.begin(), shingles.end());
  shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
  f.shingles = static_cast<std::uint32_t>(shingles.size());
  f.minhash.fill(std::numeric_limits<std::uint32_t>::max());
  MinHashInto(shingles, Family(), &f.minhash);
  return f;
}

double EstimatedJaccard(const Fingerprint& a, const Fingerprint& b) {
  int same = 0;
  for (int i = 0; i < kMinHashes; ++i) same += a.minhash[i] == b.minhash[i];
  return static_cast<double>(same) / kMinHashes;
}

double EstimatedContainment(const Fingerprint& a, const Fingerprint& b) {
  double j = EstimatedJaccard(a, b);
  double smaller = std::min(a.shingles, b.shingles);
  if (smaller <= 0) return 0;
  // |A ∩ B| = J |A ∪ B| and |A ∪ B| = |A| + |B| - |A ∩ B|, so |A ∩ B| = J (|A| + |B|) / (1 + J).
  double common = j * (static_cast<double>(a.shingles) + b.shingles) / (1 + j);
  return std::min(1.0, common / smaller);
}

std::int64_t TextHash(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) h = (h ^ c) * 0x100000001b3ULL;
  return static_cast<std::int64_t>(h);
}

std::vector<std::int64_t> BandKeys(const Fingerprint& f) {
  std::vector<std::int64_t> keys;
  keys.reserve(kBands);
  for (int band = 0; band < kBands; ++band) {
    std::uint64_t h = Mix(band);
    for (int r = 0; r < kRowsPerBand; ++r) h = Mix(h ^ f.minhash[band * kRowsPerBand + r]);
    // Band number in the top bits: keys of different bands never meet.
    std::uint64_t key = (static_cast<std::uint64_t>(band) << 56) | (h >> 8);
    keys.push_back(static_cast<std::int64_t>(key));
  }
  return keys;
}

std::string EncodeSignature(const Fingerprint& f) {
  std::string out;
  out.reserve(kMinHashes * 4);
  for (std::uint32_t v : f.minhash) {
    for (int k = 0; k < 4; ++k) out += static_cast<char>((v >> (8 * k)) & 0xFF);
  }
  return out;
}

bool DecodeSignature(std::string_view bytes, Fingerprint* f) {
  if (bytes.size() != static_cast<std::size_t>(kMinHashes) * 4) return false;
  for (int i = 0; i < kMinHashes; ++i) {
    std::uint32_t v = 0;
    for (int k = 0; k < 4; ++k)
      v |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[4 * i + k])) << (8 * k);
    f->minhash[i] = v;
  }
  return true;
}

}  // namespace gpalert
