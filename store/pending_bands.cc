#include "store/pending_bands.h"

#include <algorithm>

namespace gpalert {

void PendingBands::Add(std::int64_t article_id, const std::vector<std::int64_t>& keys) {
  ids_.push_back(article_id);
  for (std::int64_t key : keys) {
    rows_.emplace_back(key, article_id);
    by_key_[key].push_back(article_id);
  }
}

const std::vector<std::int64_t>& PendingBands::Lookup(std::int64_t key) const {
  static const std::vector<std::int64_t> kNone;  // immutable
  auto it = by_key_.find(key);
  return it == by_key_.end() ? kNone : it->second;
}

void PendingBands::RollbackTo(const Mark& mark) {
  if (mark.rows >= rows_.size() && mark.ids >= ids_.size()) return;
  rows_.resize(std::min(mark.rows, rows_.size()));
  ids_.resize(std::min(mark.ids, ids_.size()));
  Reindex();
}

void PendingBands::DropBefore(const Mark& mark) {
  if (mark.rows == 0 && mark.ids == 0) return;
  rows_.erase(rows_.begin(),
              rows_.begin() + static_cast<std::ptrdiff_t>(std::min(mark.rows, rows_.size())));
  ids_.erase(ids_.begin(),
             ids_.begin() + static_cast<std::ptrdiff_t>(std::min(mark.ids, ids_.size())));
  Reindex();
}

void PendingBands::Reindex() {
  by_key_.clear();
  for (const auto& [key, id] : rows_) by_key_[key].push_back(id);
}

}  // namespace gpalert
