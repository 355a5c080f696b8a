#include "alerts/dedup/fingerprint.h"

#include <algorithm>
#include <bit>
#include <cstring>
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

bool IsAsciiAlnum(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

CharClass Classify(char32_t cp) {
  if (cp < 0x80) {
    return IsAsciiAlnum(cp) ? CharClass::kWord : CharClass::kSeparator;
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

// The shingle hashes of a word sequence, pushed as its words come (duplicates too: the
// caller sorts them out): each run of three words, or one hash of them all when fewer.
class ShingleHasher {
 public:
  explicit ShingleHasher(std::vector<std::uint64_t>* out) : out_(out) {}
  void Add(std::uint64_t word) {
    if (count_ >= 2) out_->push_back(Mix(Mix(Mix(last_[0]) ^ last_[1]) ^ word));
    if (count_ < 2) short_ = Mix(short_ ^ word);
    last_[0] = last_[1];
    last_[1] = word;
    ++count_;
  }
  void Finish() {
    if (count_ > 0 && count_ < 3) out_->push_back(short_);
  }

 private:
  std::vector<std::uint64_t>* out_;
  std::uint64_t last_[2] = {0, 0};
  std::uint64_t short_ = 0;
  std::size_t count_ = 0;
};

// Keeps one of each value of `*v` (in no particular order): an open-addressing table of
// at least twice its size, indexed by the values' top bits (they are hashes already).
// Linear in the size, where a sort's comparisons were a fingerprint's costliest step.
void KeepDistinct(std::vector<std::uint64_t>* v) {
  if (v->size() < 2) return;
  int bits = 1;
  while ((std::size_t{1} << bits) < 2 * v->size()) ++bits;
  const std::size_t mask = (std::size_t{1} << bits) - 1;
  std::vector<std::uint64_t> table(mask + 1, 0);  // 0: empty (a value 0 is kept apart)
  bool zero = false;
  std::size_t kept = 0;
  for (std::uint64_t x : *v) {
    if (x == 0) {
      zero = true;
      continue;
    }
    std::size_t i = static_cast<std::size_t>(x >> (64 - bits));
    while (table[i] != 0 && table[i] != x) i = (i + 1) & mask;
    if (table[i] == 0) {
      table[i] = x;
      (*v)[kept++] = x;
    }
  }
  if (zero) (*v)[kept++] = 0;
  v->resize(kept);
}

// Does `text` have at least `n` words (FingerprintWordScanner's)? ASCII text is counted
// byte by byte, without building a word; the first other byte hands over to the scanner.
bool HasWords(std::string_view text, int n) {
  if (n <= 0) return true;
  int words = 0;
  bool in_word = false;
  for (unsigned char c : text) {
    if (c >= 0x80) {
      FingerprintWordScanner scan(text);
      std::string_view w;
      for (words = 0; words < n && scan.Next(&w);) ++words;
      return words >= n;
    }
    bool alnum = IsAsciiAlnum(c);
    if (alnum && !in_word && ++words >= n) return true;
    in_word = alnum;
  }
  return false;
}

}  // namespace

bool FingerprintWordScanner::Next(std::string_view* word) {
  word_.clear();
  while (pos_ < text_.size()) {
    auto c = static_cast<unsigned char>(text_[pos_]);
    if (c < 0x80) {  // ASCII: most text, no decoding
      ++pos_;
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        word_ += static_cast<char>(c);
      } else if (c >= 'A' && c <= 'Z') {
        word_ += static_cast<char>(c + 32);
      } else if (!word_.empty()) {
        break;
      }
      continue;
    }
    std::size_t at = pos_;
    char32_t cp = NextCodePoint(text_, &pos_);
    CharClass kind = Classify(cp);
    if (kind == CharClass::kWord) {
      AppendUtf8(&word_, FoldCase(cp));
    } else if (kind == CharClass::kOwnWord) {
      if (!word_.empty()) {
        pos_ = at;  // the ideograph is the next word
        break;
      }
      AppendUtf8(&word_, cp);
      break;
    } else if (kind == CharClass::kSeparator && !word_.empty()) {
      break;
    }
  }
  *word = word_;
  return !word_.empty();
}

std::vector<std::string> FingerprintWords(std::string_view text, std::size_t max_words) {
  std::vector<std::string> words;
  FingerprintWordScanner scan(text);
  std::string_view w;
  while (words.size() < max_words && scan.Next(&w)) words.emplace_back(w);
  return words;
}

std::size_t CountFingerprintWords(std::string_view text) {
  std::size_t n = 0;
  FingerprintWordScanner scan(text);
  std::string_view w;
  while (scan.Next(&w)) ++n;
  return n;
}

std::optional<Fingerprint> FingerprintArticle(std::string_view title, std::string_view body) {
  // Most feed items are a short summary: counting its words is all they cost.
  if (!HasWords(body, kMinFingerprintWords)) return std::nullopt;
  // One pass over the body: its shingles and its normalised words (for the content hash)
  // as the words come, no string kept per word. A flat vector, not a node-based set: no
  // allocation per shingle.
  std::vector<std::uint64_t> shingles;
  shingles.reserve(body.size() / 4 + 16);
  std::string normalised;
  normalised.reserve(body.size());
  int words = 0;
  {
    ShingleHasher body_shingles(&shingles);
    FingerprintWordScanner scan(body);
    std::string_view w;
    while (words < kMaxFingerprintWords && scan.Next(&w)) {
      if (words++ > 0) normalised += ' ';
      normalised += w;
      body_shingles.Add(HashWord(w));
    }
    body_shingles.Finish();
  }
  Fingerprint f;
  f.content_hash = Sha256Hex(normalised);
  {
    ShingleHasher title_shingles(&shingles);
    FingerprintWordScanner scan(title);
    std::string_view w;
    for (int n = 0; n < kMaxFingerprintWords && scan.Next(&w); ++n) title_shingles.Add(HashWord(w));
    title_shingles.Finish();
  }
  KeepDistinct(&shingles);
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
  std::uint64_t h = text.size();
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t block;
    std::memcpy(&block, text.data() + i, 8);
    if constexpr (std::endian::native == std::endian::big) block = __builtin_bswap64(block);
    h = Mix(h ^ block);
  }
  // The last bytes as a little-endian block: the same value on every host.
  std::uint64_t tail = 0;
  for (int k = 0; i < text.size(); ++i, ++k)
    tail |= static_cast<std::uint64_t>(static_cast<unsigned char>(text[i])) << (8 * k);
  return static_cast<std::int64_t>(Mix(h ^ tail));
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
