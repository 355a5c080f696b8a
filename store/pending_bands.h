// PendingBands: the LSH band rows of articles recorded since the last flush, held in
// memory so that each poll's commit does not scatter 32 random index inserts per
// article over the fingerprint_bands B-tree (thousands of pages rewritten per commit).
// SqlStore writes them in one sorted batch every few thousand articles and looks
// them up beside the table meanwhile; after a crash, Open reloads the fingerprints not
// yet banded (article_fingerprints.banded = 0). Owned by one SqlStore; one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

namespace gpalert {

class PendingBands {
 public:
  // One article's band keys, in recording order.
  void Add(std::int64_t article_id, const std::vector<std::int64_t>& keys);
  // Pending articles holding `key`, oldest first.
  const std::vector<std::int64_t>& Lookup(std::int64_t key) const;

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
  void Reindex();

  std::vector<std::pair<std::int64_t, std::int64_t>> rows_;
  std::vector<std::int64_t> ids_;
  std::unordered_map<std::int64_t, std::vector<std::int64_t>> by_key_;
};

}  // namespace gpalert
