// PendingBands: the LSH band rows of articles recorded since the last flush, held in
// memory so that each poll's commit does not scatter 32 random index inserts per
// article over the fingerprint_bands B-tree (thousands of pages rewritten per commit).
// SqlStore writes them in one sorted batch every few tens of thousands of articles and
// looks them up beside the table meanwhile; after a crash or a `run --once`, Open reloads
// the fingerprints whose rows wait (band_queue). Compact: about 28 bytes a row (the
// row, a chain link, a hash slot), no allocation per row. Owned by one SqlStore; one
// thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace gpalert {

class PendingBands {
 public:
  // One article's band keys, in recording order.
  void Add(std::int64_t article_id, const std::vector<std::int64_t>& keys);
  // Appends to `out` the newest `max` pending articles holding `key` (newest first).
  void Lookup(std::int64_t key, std::size_t max, std::vector<std::int64_t>* out) const;

  // (key, article id) rows in recording order; ids() the articles, in recording order.
  const std::vector<std::pair<std::int64_t, std::int64_t>>& rows() const { return rows_; }
  const std::vector<std::int64_t>& ids() const { return ids_; }
  std::size_t articles() const { return ids_.size(); }

  // Where a transaction starts; RollbackTo forgets what was added after it (the
  // transaction that recorded those articles was rolled back).
  struct Mark {
    std::size_t rows = 0;
    std::size_t ids = 0;
  };
  Mark mark() const { return Mark{rows_.size(), ids_.size()}; }
  void RollbackTo(const Mark& mark);
  // Forgets everything before `mark` (written to the table and committed).
  void DropBefore(const Mark& mark);

 private:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  // The slot of `key` in heads_ (holding kNone when no row has it).
  std::size_t Slot(std::int64_t key) const;
  void Link(std::uint32_t row);
  void Reindex();

  std::vector<std::pair<std::int64_t, std::int64_t>> rows_;
  std::vector<std::int64_t> ids_;
  // Per row: the previous row with the same key (kNone: none).
  std::vector<std::uint32_t> previous_;
  // Open addressing (linear probing) over keys: the newest row holding each; a power of
  // two, at most half full.
  std::vector<std::uint32_t> heads_;
};

}  // namespace gpalert
