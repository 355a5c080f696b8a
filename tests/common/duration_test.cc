#include "common/duration.h"

#include <gtest/gtest.h>

namespace gpalert {

TEST(DurationTest, ParsesUnitsAndCombinations) {
  EXPECT_EQ(ParseDuration("90s")->count(), 90);
  EXPECT_EQ(ParseDuration("30m")->count(), 1800);
  EXPECT_EQ(ParseDuration("1h30m")->count(), 5400);
  EXPECT_EQ(ParseDuration("1d")->count(), 86400);
}

TEST(DurationTest, RejectsMissingOrUnknownUnits) {
  EXPECT_FALSE(ParseDuration("30").ok());
  EXPECT_FALSE(ParseDuration("3x").ok());
  EXPECT_FALSE(ParseDuration("").ok());
  EXPECT_NE(ParseDuration("3x").status().message().find("3x"), std::string::npos);
}

TEST(DurationTest, ParsesByteSizes) {
  EXPECT_EQ(*ParseByteSize("10MB"), 10'000'000u);
  EXPECT_EQ(*ParseByteSize("1KiB"), 1024u);
  EXPECT_FALSE(ParseByteSize("ten").ok());
}

}  // namespace gpalert
