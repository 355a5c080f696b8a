#include "store/band_key_filter.h"

#include <algorithm>

namespace gpalert {
namespace {

constexpr std::size_t kWordsPerBlock = 8;
constexpr std::size_t kBitsPerKey = 10;
constexpr std::size_t kMinKeys = 1 << 16;

// The key's block and the word of its probe bits (9 bits each).
struct Probe {
  std::size_t block;
  std::uint64_t bits;
};

// Band keys are hashes already: two multiplications spread them enough.
Probe ProbeOf(std::int64_t key, std::size_t blocks) {
  auto x = static_cast<std::uint64_t>(key);
  std::uint64_t h = x * 0x9e3779b97f4a7c15ULL;
  std::uint64_t g = (x ^ (x >> 29)) * 0xbf58476d1ce4e5b9ULL;
  return Probe{static_cast<std::size_t>((h >> 11) % blocks) * kWordsPerBlock, g ^ (g >> 32)};
}

}  // namespace

BandKeyFilter::BandKeyFilter(std::size_t expected_keys)
    : capacity_(std::max(expected_keys, kMinKeys)) {
  blocks_ = (capacity_ * kBitsPerKey + 511) / 512;
  words_.assign(blocks_ * kWordsPerBlock, 0);
}

void BandKeyFilter::Add(std::int64_t key) {
  Probe p = ProbeOf(key, blocks_);
  for (int i = 0; i < kProbes; ++i, p.bits >>= 9) {
    unsigned bit = static_cast<unsigned>(p.bits & 511);
    words_[p.block + (bit >> 6)] |= std::uint64_t{1} << (bit & 63);
  }
  ++keys_;
}

std::string BandKeyFilter::Encode() const {
  std::string out(words_.size() * 8, '\0');
  for (std::size_t i = 0; i < words_.size(); ++i) {
    for (int b = 0; b < 8; ++b) out[i * 8 + b] = static_cast<char>((words_[i] >> (8 * b)) & 0xFF);
  }
  return out;
}

std::optional<BandKeyFilter> BandKeyFilter::Decode(std::string_view bytes, std::size_t capacity,
                                                   std::size_t keys) {
  // Checked before anything is allocated: the numbers come from a file. A key takes more
  // than a byte, so a fitting capacity is below the size.
  if (capacity < kMinKeys || capacity > bytes.size() ||
      bytes.size() != (capacity * kBitsPerKey + 511) / 512 * kWordsPerBlock * 8) {
    return std::nullopt;
  }
  BandKeyFilter f(capacity);
  for (std::size_t i = 0; i < f.words_.size(); ++i) {
    std::uint64_t w = 0;
    for (int b = 0; b < 8; ++b)
      w |= std::uint64_t{static_cast<unsigned char>(bytes[i * 8 + b])} << (8 * b);
    f.words_[i] = w;
  }
  f.keys_ = keys;
  return f;
}

bool BandKeyFilter::MayContain(std::int64_t key) const {
  Probe p = ProbeOf(key, blocks_);
  for (int i = 0; i < kProbes; ++i, p.bits >>= 9) {
    unsigned bit = static_cast<unsigned>(p.bits & 511);
    if (!(words_[p.block + (bit >> 6)] & (std::uint64_t{1} << (bit & 63)))) return false;
  }
  return true;
}

}  // namespace gpalert
