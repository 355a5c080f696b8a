#include "parsers/text/visible_date.h"

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
                      DateCase{"CWA # 1251", nullptr}, DateCase{"", nullptr}));

}  // namespace
}  // namespace gpalert
