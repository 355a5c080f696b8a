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

INSTANTIATE_TEST_SUITE_P(
    European, FindVisibleDateTest,
    ::testing::Values(DateCase{"6. Dezember 2021", "2021-12-06T00:00:00Z"},
                      DateCase{"Ver\xC3\xB6"
                               "ffentlicht am 14. M\xC3\xA4rz 2022, 10:15 Uhr",
                               "2022-03-14T00:00:00Z"},
                      DateCase{"6 d\xC3\xA9"
                               "cembre 2021",
                               "2021-12-06T00:00:00Z"},
                      DateCase{"Publi\xC3\xA9 le 1er ao\xC3\xBBt 2021", "2021-08-01T00:00:00Z"},
                      DateCase{"6 de diciembre de 2021", "2021-12-06T00:00:00Z"},
                      DateCase{"6 de dezembro de 2021", "2021-12-06T00:00:00Z"},
                      DateCase{"6 grudnia 2021", "2021-12-06T00:00:00Z"},
                      DateCase{"12 pa\xC5\xBA"
                               "dziernika 2020 r.",
                               "2020-10-12T00:00:00Z"},
                      DateCase{"6 dicembre 2021", "2021-12-06T00:00:00Z"},
                      DateCase{"6 december 2021", "2021-12-06T00:00:00Z"},
                      DateCase{"06.12.2021", "2021-12-06T00:00:00Z"},
                      DateCase{"Stand: 6.12.2021, 08:00", "2021-12-06T00:00:00Z"},
                      DateCase{"31.02.2021", nullptr}, DateCase{"version 1.12.2021.4", nullptr},
                      DateCase{"Septembre 2023", "2023-09-01T00:00:00Z"},
                      DateCase{"Mission to Mars 2024", nullptr}));

}  // namespace
}  // namespace gpalert
