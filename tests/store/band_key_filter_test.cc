// BandKeyFilter: never a false "no"; few false "maybe"s at its capacity.
#include "store/band_key_filter.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

TEST(BandKeyFilterTest, SaysMaybeForEveryKeyAddedAndRarelyForOthers) {
  BandKeyFilter filter(100000);
  for (std::int64_t k = 0; k < 100000; ++k) filter.Add(k * 7919 + (k << 40));
  for (std::int64_t k = 0; k < 100000; ++k)
    ASSERT_TRUE(filter.MayContain(k * 7919 + (k << 40))) << k;
  int maybe = 0;
  for (std::int64_t k = 0; k < 100000; ++k) maybe += filter.MayContain(-1 - k * 104729);
  EXPECT_LT(maybe, 3000) << "about 1% expected";
  EXPECT_FALSE(filter.full());
  filter.Add(1);
  EXPECT_TRUE(filter.full()) << "past its capacity";
}

TEST(BandKeyFilterTest, AnEmptyFilterSaysNo) {
  BandKeyFilter filter;
  EXPECT_FALSE(filter.MayContain(0));
  EXPECT_FALSE(filter.MayContain(42));
  EXPECT_EQ(filter.keys(), 0u);
}

TEST(BandKeyFilterTest, ReadsBackWhatItEncodedAndRefusesAMisfit) {
  BandKeyFilter filter(200000);
  for (std::int64_t k = 0; k < 5000; ++k) filter.Add(k * 104729 - (k << 33));
  std::string bytes = filter.Encode();
  auto back = BandKeyFilter::Decode(bytes, filter.capacity(), filter.keys());
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->keys(), 5000u);
  EXPECT_EQ(back->capacity(), filter.capacity());
  EXPECT_EQ(back->Encode(), bytes);
  for (std::int64_t k = 0; k < 5000; ++k)
    ASSERT_TRUE(back->MayContain(k * 104729 - (k << 33))) << k;
  int maybe = 0;
  for (std::int64_t k = 0; k < 10000; ++k) maybe += back->MayContain(-1 - k * 7919);
  EXPECT_LT(maybe, 300);
  EXPECT_FALSE(BandKeyFilter::Decode(bytes.substr(8), filter.capacity(), 5000).has_value());
  EXPECT_FALSE(BandKeyFilter::Decode(bytes, filter.capacity() * 2, 5000).has_value());
}

}  // namespace
}  // namespace gpalert
