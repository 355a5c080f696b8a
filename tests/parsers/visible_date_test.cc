#include "parsers/visible_date.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

struct DateCase {
  const char* text;
  const char* want;  // RFC 3339, or nullptr for no date
};

class FindVisibleDateTest : public ::testing::TestWithParam<DateCase> {};

TEST_P(FindVisibleDateTest, FindsTheFirstWrittenDate) {
  std::optional<Instant> got = FindVisibleDate(GetParam().text);
  if (GetParam().want == nullptr) {
    EXPECT_FALSE(got) << FormatRfc3339(*got);
  } else {
    ASSERT_TRUE(got);
    EXPECT_EQ(FormatRfc3339(*got), GetParam().want);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Written, FindVisibleDateTest,
    ::testing::Values(DateCase{"6 December 2021", "2021-12-06T00:00:00Z"},
                      DateCase{"Published on 6th Dec. 2021 by GP Team", "2021-12-06T00:00:00Z"},
                      DateCase{"December 6, 2021", "2021-12-06T00:00:00Z"},
                      DateCase{"Sept 30, 2021", "2021-09-30T00:00:00Z"},
                      DateCase{"March 2024 | CWA # 1251", "2024-03-01T00:00:00Z"},
                      DateCase{"updated 2019-04-28 at noon", "2019-04-28T00:00:00Z"},
                      DateCase{"31 February 2021", nullptr},
                      DateCase{"May the force be with you", nullptr},
                      DateCase{"CWA # 1251", nullptr},
                      DateCase{"", nullptr}));

TEST(ParseIsoLikeDateTest, ReadsTheFormsPagesUse) {
  EXPECT_EQ(FormatRfc3339(*ParseIsoLikeDate("2015-07-24T05:36:09+01:00")), "2015-07-24T04:36:09Z");
  EXPECT_EQ(FormatRfc3339(*ParseIsoLikeDate("2017-11-03 03:01:00.000000")), "2017-11-03T03:01:00Z");
  EXPECT_EQ(FormatRfc3339(*ParseIsoLikeDate("2024-06-25")), "2024-06-25T00:00:00Z");
  EXPECT_EQ(FormatRfc3339(*ParseIsoLikeDate("2020-01-01T00:30:00-0330")), "2020-01-01T04:00:00Z");
  EXPECT_EQ(FormatRfc3339(*ParseIsoLikeDate("2020-01-01T10:00Z")), "2020-01-01T10:00:00Z");
  EXPECT_FALSE(ParseIsoLikeDate("20-01-01"));
  EXPECT_FALSE(ParseIsoLikeDate("2020-13-01"));
  EXPECT_FALSE(ParseIsoLikeDate("yesterday"));
}

}  // namespace
}  // namespace gpalert
