// Fingerprint: what an article's text is, reduced to a fixed-size signature that
// estimates how much two texts share (MinHash over word 3-shingles, Broder 1997) plus an
// exact hash of the normalised body. Used by the identity rule (alerts/dedup/identity.h)
// and stored with each article so that near-duplicates are found without its text.
// Pure functions on values; any thread.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gpalert {

// Signature length: the similarity estimate's standard error is about
// sqrt(J (1 - J) / kMinHashes), 0.03 at J = 0.15.
inline constexpr int kMinHashes = 128;
// Locality-sensitive hashing over the first kBands * kRowsPerBand values: two texts of
// Jaccard similarity J share a band with probability 1 - (1 - J^3)^32 (0.94 at J = 0.44,
// 0.99 at 0.55, 0.0003 at 0.02).
inline constexpr int kBands = 32;
inline constexpr int kRowsPerBand = 3;
// Below this many body words a text is too short to say anything about identity (a
// feed's "Read more" summary, a title-only item): no fingerprint, no content hash.
inline constexpr int kMinFingerprintWords = 40;
// Only the first this many words of a body count (a hostile or huge page costs no more
// than a long article: about 3 ms and a few MB).
inline constexpr int kMaxFingerprintWords = 20000;

struct Fingerprint {
  std::array<std::uint32_t, kMinHashes> minhash{};
  std::uint32_t shingles = 0;  // distinct word 3-shingles of title + body
  std::string content_hash;    // SHA-256 hex of the body's normalised words
};

// The words of a text as the fingerprint sees them, one at a time and without an
// allocation per word: letters and digits, lower-cased (ASCII, Latin-1, Latin Extended-A,
// Greek, Cyrillic), each CJK ideograph, kana or hangul syllable a word of its own;
// punctuation, symbols and spaces separate; soft hyphens and combining marks are ignored.
// Owns a copy of nothing: `text` must outlive it. One thread at a time.
class FingerprintWordScanner {
 public:
  explicit FingerprintWordScanner(std::string_view text) : text_(text) {}
  // The next word into `*word` (valid until the next call), or false at the end.
  bool Next(std::string_view* word);

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::string word_;
};

// The first `max_words` words of `text` (FingerprintWordScanner's), as strings.
std::vector<std::string> FingerprintWords(std::string_view text,
                                          std::size_t max_words = kMaxFingerprintWords);

// How many words FingerprintWordScanner finds in `text`.
std::size_t CountFingerprintWords(std::string_view text);

// The fingerprint of an article: nullopt when its body has fewer than
// kMinFingerprintWords words. `title` adds its shingles to the signature only. Only the
// body's first kMaxFingerprintWords words count.
std::optional<Fingerprint> FingerprintArticle(std::string_view title, std::string_view body);

// Estimated Jaccard similarity of the two shingle sets, 0..1.
double EstimatedJaccard(const Fingerprint& a, const Fingerprint& b);

// Estimated share of the smaller text's shingles that the larger one holds, 0..1 (from
// the Jaccard estimate and both sizes): an appended note or a dropped paragraph lowers
// it little, two different articles in one page template leave it near 0.
double EstimatedContainment(const Fingerprint& a, const Fingerprint& b);

// A 64-bit hash of `text` exactly as given (eight bytes a step, each mixed in with
// splitmix64's finaliser): tells cheaply whether a source shows the same text as last
// time, before any fingerprint is computed. Stored (article_sources.text_hash): a change
// of it costs each stored item one fingerprint, which finds the same content hash.
std::int64_t TextHash(std::string_view text);

// The kBands LSH keys of `f`, each tagged with its band number (distinct across bands).
std::vector<std::int64_t> BandKeys(const Fingerprint& f);

// Storage form of the signature: kMinHashes little-endian 32-bit values.
std::string EncodeSignature(const Fingerprint& f);
// Fills `f->minhash` from EncodeSignature's bytes; false when the size is wrong.
bool DecodeSignature(std::string_view bytes, Fingerprint* f);

}  // namespace gpalert
