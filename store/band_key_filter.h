// BandKeyFilter: a Bloom filter over the LSH band keys this store holds (the
// fingerprint_bands table and the rows PendingBands keeps), so that a near-duplicate
// lookup asks the database only about the bands some stored article may share: almost
// every band of a new article is shared by none, and its 32 index seeks (into a table of
// 32 rows per article) were a sixth of a poll's CPU once the table held a few 10,000
// articles. It says "maybe" for every key added (never a false "no"); about 1% of absent
// keys also get a "maybe" (one seek each). Keys of pruned articles or replaced
// fingerprints stay until the next rebuild (a few more "maybe"s). 10 bits a key: about
// 40 bytes an article. Like PendingBands it assumes its connection is the one recording
// articles (the daemon's writer), so SqlStore uses it only on a store of its own (not
// Store::Shared(): there other daemons add keys it would never see); it is built from
// the table when first needed, or read back as the last flush saved it (Encode). Owned
// by one SqlStore; one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gpalert {

class BandKeyFilter {
 public:
  // Room for `expected_keys` keys at about 1% false "maybe".
  explicit BandKeyFilter(std::size_t expected_keys = 0);

  void Add(std::int64_t key);
  // False: no key equal to `key` was added.
  bool MayContain(std::int64_t key) const;

  // Storage form: the bit array, little-endian 64-bit words. Decode takes it back with
  // the capacity and key count it had: nullopt when the size does not fit the capacity.
  std::string Encode() const;
  static std::optional<BandKeyFilter> Decode(std::string_view bytes, std::size_t capacity,
                                             std::size_t keys);

  std::size_t keys() const { return keys_; }          // added so far
  std::size_t capacity() const { return capacity_; }  // keys it was sized for
  bool full() const { return keys_ > capacity_; }

 private:
  // Blocks of 512 bits (one cache line): a key's probes all fall in one block.
  static constexpr int kProbes = 6;
  std::vector<std::uint64_t> words_;
  std::size_t blocks_ = 0;
  std::size_t capacity_ = 0;
  std::size_t keys_ = 0;
};

}  // namespace gpalert
