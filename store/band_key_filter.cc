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

bool BandKeyFilter::MayContain(std::int64_t key) const {
  Probe p = ProbeOf(key, blocks_);
  for (int i = 0; i < kProbes; ++i, p.bits >>= 9) {
    unsigned bit = static_cast<unsigned>(p.bits & 511);
    if (!(words_[p.block + (bit >> 6)] & (std::uint64_t{1} << (bit & 63)))) return false;
  }
  return true;
}

}  // namespace gpalert
