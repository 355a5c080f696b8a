#include "store/pending_bands.h"

#include <algorithm>

namespace gpalert {
namespace {

std::size_t Hash(std::int64_t key) {
  auto x = static_cast<std::uint64_t>(key);
  x = (x ^ (x >> 31)) * 0x9e3779b97f4a7c15ULL;
  return static_cast<std::size_t>(x ^ (x >> 29));
}

}  // namespace

std::size_t PendingBands::Slot(std::int64_t key) const {
  std::size_t mask = heads_.size() - 1;
  std::size_t i = Hash(key) & mask;
  while (heads_[i] != kNone && rows_[heads_[i]].first != key) i = (i + 1) & mask;
  return i;
}

void PendingBands::Link(std::uint32_t row) {
  std::size_t slot = Slot(rows_[row].first);
  previous_[row] = heads_[slot];
  heads_[slot] = row;
}

void PendingBands::Add(std::int64_t article_id, const std::vector<std::int64_t>& keys) {
  ids_.push_back(article_id);
  if (2 * (rows_.size() + keys.size()) > heads_.size()) {
    for (std::int64_t key : keys) rows_.emplace_back(key, article_id);
    Reindex();  // grows the table; links every row
    return;
  }
  for (std::int64_t key : keys) {
    rows_.emplace_back(key, article_id);
    previous_.push_back(kNone);
    Link(static_cast<std::uint32_t>(rows_.size() - 1));
  }
}

void PendingBands::Lookup(std::int64_t key, std::size_t max, std::vector<std::int64_t>* out) const {
  if (heads_.empty()) return;
  for (std::uint32_t row = heads_[Slot(key)]; row != kNone && max > 0; row = previous_[row], --max)
    out->push_back(rows_[row].second);
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
  std::size_t size = 1024;
  while (size < 2 * rows_.size()) size *= 2;
  heads_.assign(size, kNone);
  previous_.assign(rows_.size(), kNone);
  for (std::size_t row = 0; row < rows_.size(); ++row) Link(static_cast<std::uint32_t>(row));
}

}  // namespace gpalert
