// PendingBands: band rows waiting in memory, found by key (newest first, bounded), forgotten
// on rollback or once flushed.
#include "store/pending_bands.h"

#include <gtest/gtest.h>

#include <vector>

namespace gpalert {
namespace {

std::vector<std::int64_t> Find(const PendingBands& p, std::int64_t key, std::size_t max = 100) {
  std::vector<std::int64_t> out;
  p.Lookup(key, max, &out);
  return out;
}

TEST(PendingBandsTest, FindsTheArticlesHoldingAKeyNewestFirstAndAtMostMax) {
  PendingBands p;
  EXPECT_TRUE(Find(p, 7).empty());
  p.Add(1, {7, 8});
  p.Add(2, {7, 9});
  p.Add(3, {7});
  EXPECT_EQ(Find(p, 7), (std::vector<std::int64_t>{3, 2, 1}));
  EXPECT_EQ(Find(p, 7, 2), (std::vector<std::int64_t>{3, 2}));
  EXPECT_EQ(Find(p, 9), (std::vector<std::int64_t>{2}));
  EXPECT_TRUE(Find(p, 10).empty());
  EXPECT_EQ(p.articles(), 3u);
  EXPECT_EQ(p.rows().size(), 5u);
}

TEST(PendingBandsTest, KeepsEveryRowFindableAsItGrows) {
  PendingBands p;
  for (std::int64_t id = 1; id <= 5000; ++id) p.Add(id, {id * 1000003, id % 10, -id});
  for (std::int64_t id = 1; id <= 5000; id += 499) {
    EXPECT_EQ(Find(p, id * 1000003), (std::vector<std::int64_t>{id}));
    EXPECT_EQ(Find(p, -id), (std::vector<std::int64_t>{id}));
  }
  EXPECT_EQ(Find(p, 3).size(), 100u);
  EXPECT_EQ(Find(p, 3, 1000).size(), 500u);
}

TEST(PendingBandsTest, RollbackForgetsWhatCameAfterTheMarkAndDropForgetsWhatCameBefore) {
  PendingBands p;
  p.Add(1, {7});
  PendingBands::Mark mark = p.mark();
  p.Add(2, {7, 8});
  p.RollbackTo(mark);
  EXPECT_EQ(Find(p, 7), (std::vector<std::int64_t>{1}));
  EXPECT_TRUE(Find(p, 8).empty());
  p.Add(3, {8});
  p.DropBefore(mark);
  EXPECT_TRUE(Find(p, 7).empty());
  EXPECT_EQ(Find(p, 8), (std::vector<std::int64_t>{3}));
  EXPECT_EQ(p.ids(), (std::vector<std::int64_t>{3}));
}

}  // namespace
}  // namespace gpalert
