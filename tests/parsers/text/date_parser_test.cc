#include "parsers/text/date_parser.h"

#include <gtest/gtest.h>

#include <string>

namespace gpalert {
namespace {

struct DateCase {
  const char* input;
  const char* expected;  // RFC 3339 UTC, or nullptr when the input must be refused
};

class ParseDateTest : public ::testing::TestWithParam<DateCase> {};

TEST_P(ParseDateTest, GivesTheSameInstantAsTheReferenceText) {
  const DateCase& c = GetParam();
  auto got = ParseDate(c.input);
  if (c.expected == nullptr) {
    EXPECT_FALSE(got.has_value()) << c.input << " -> " << FormatRfc3339(*got);
  } else {
    ASSERT_TRUE(got.has_value()) << c.input;
    EXPECT_EQ(FormatRfc3339(*got), c.expected) << c.input;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Rfc822, ParseDateTest,
    ::testing::Values(DateCase{"Thu, 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z"},
                      DateCase{"Thu, 01 Jan 2004 19:48:21 +0000", "2004-01-01T19:48:21Z"},
                      DateCase{"Sun, 04 Jan 2004 16:29:06 PST", "2004-01-05T00:29:06Z"},
                      DateCase{"Mon, 05 Jan 2004 08:00:00 EDT", "2004-01-05T12:00:00Z"},
                      DateCase{"Mon, 05 Jan 2004 08:00:00 -0500", "2004-01-05T13:00:00Z"},
                      DateCase{"Mon, 05 Jan 2004 08:00:00 +05:30", "2004-01-05T02:30:00Z"},
                      DateCase{"Mon, 05 Jan 2004 08:00:00 +0000 (GMT)", "2004-01-05T08:00:00Z"},
                      DateCase{"Mon, 05 Jan 2004 08:00:00 CET", "2004-01-05T07:00:00Z"},
                      DateCase{"Mon, 5 Jan 04 08:00 GMT", "2004-01-05T08:00:00Z"},
                      DateCase{"5 Jan 99 08:00:00 GMT", "1999-01-05T08:00:00Z"},
                      DateCase{"05 Jan 2004 08:00:00", "2004-01-05T08:00:00Z"},
                      DateCase{"05 Jan 2004", "2004-01-05T00:00:00Z"},
                      DateCase{"Mon, Jan 05 2004 08:00:00 GMT", "2004-01-05T08:00:00Z"},
                      DateCase{"Monday, 05 January 2004 08:00:00 GMT", "2004-01-05T08:00:00Z"},
                      DateCase{"Mon, 05 Sept 2004 08:00:00 GMT", "2004-09-05T08:00:00Z"},
                      DateCase{"Mon, 05 Jan. 2004 08:00:00 GMT", "2004-01-05T08:00:00Z"},
                      DateCase{"January 5, 2004", "2004-01-05T00:00:00Z"},
                      DateCase{"January 5, 2004 8:05 pm", "2004-01-05T20:05:00Z"},
                      DateCase{"Mon, 05 Jan 2004 12:30:00 AM EST", "2004-01-05T05:30:00Z"},
                      DateCase{"Mon, 05 Jan 2004 08:00:00 GMT+1", "2004-01-05T07:00:00Z"},
                      DateCase{"Mon, 05 Jan 2004 08:00:00 GMT-05:00", "2004-01-05T13:00:00Z"},
                      DateCase{"Mon, 05 Jan 2004 08:00:00 UTC", "2004-01-05T08:00:00Z"},
                      DateCase{"Mon, 05 Jan 2004 08:00:00 Etc/GMT", "2004-01-05T08:00:00Z"},
                      DateCase{"Mon, 05-Jan-2004 08:00:00 GMT", "2004-01-05T08:00:00Z"},
                      DateCase{"Mon,05 Jan 2004 08:00:00 GMT", "2004-01-05T08:00:00Z"},
                      DateCase{"  Mon, 05 Jan 2004 08:00:00 GMT \n", "2004-01-05T08:00:00Z"},
                      DateCase{"Mon, 05 Jan 2004 08:00:00 Z", "2004-01-05T08:00:00Z"},
                      DateCase{"Mon, 05 Jan 2004 08:00:00 XYZ", "2004-01-05T08:00:00Z"},
                      DateCase{"Sat, 31 Dec 2005 23:59:60 GMT", "2006-01-01T00:00:00Z"}));

INSTANTIATE_TEST_SUITE_P(
    AsctimeAndNumeric, ParseDateTest,
    ::testing::Values(DateCase{"Sun Jan  4 16:29:06 2004", "2004-01-04T16:29:06Z"},
                      DateCase{"Sun Jan 4 16:29:06 PST 2004", "2004-01-05T00:29:06Z"},
                      DateCase{"Fri, 2006/09/15 08:19:53 EDT", "2006-09-15T12:19:53Z"},
                      DateCase{"2006/09/15 08:19:53", "2006-09-15T08:19:53Z"},
                      DateCase{"12/25/2004 10:00", "2004-12-25T10:00:00Z"},
                      DateCase{"25/12/2004", "2004-12-25T00:00:00Z"}));

INSTANTIATE_TEST_SUITE_P(
    W3cDtfAndIso8601, ParseDateTest,
    ::testing::Values(DateCase{"2003-12-31T10:14:55Z", "2003-12-31T10:14:55Z"},
                      DateCase{"2003-12-31T10:14:55-08:00", "2003-12-31T18:14:55Z"},
                      DateCase{"2003-12-31T10:14:55.123+01:00", "2003-12-31T09:14:55Z"},
                      DateCase{"2003-12-31t10:14:55z", "2003-12-31T10:14:55Z"},
                      DateCase{"2003-12-31T10:14Z", "2003-12-31T10:14:00Z"},
                      DateCase{"2003-12-31T10:14:55+0100", "2003-12-31T09:14:55Z"},
                      DateCase{"2003-12-31T10:14:55+01", "2003-12-31T09:14:55Z"},
                      DateCase{"2003-12-31T10:14:55", "2003-12-31T10:14:55Z"},
                      DateCase{"2003-12-31 10:14:55", "2003-12-31T10:14:55Z"},
                      DateCase{"2004-07-08 23:56:58.0", "2004-07-08T23:56:58Z"},
                      DateCase{"2004-07-08 23:56:58 -00:00", "2004-07-08T23:56:58Z"},
                      DateCase{"2004-07-08 23:56:58 EST", "2004-07-09T04:56:58Z"},
                      DateCase{"2003-12-31", "2003-12-31T00:00:00Z"},
                      DateCase{"2003-12", "2003-12-01T00:00:00Z"},
                      DateCase{"2003", "2003-01-01T00:00:00Z"},
                      DateCase{"20031231", "2003-12-31T00:00:00Z"},
                      DateCase{"20031231T101455Z", "2003-12-31T10:14:55Z"},
                      DateCase{"2003-335", "2003-12-01T00:00:00Z"},
                      DateCase{"2004-02-29T00:00:00Z", "2004-02-29T00:00:00Z"},
                      DateCase{"2003-12-31T24:00:00Z", "2004-01-01T00:00:00Z"}));

INSTANTIATE_TEST_SUITE_P(Refusals, ParseDateTest,
                         ::testing::Values(DateCase{"", nullptr}, DateCase{"   ", nullptr},
                                           DateCase{"not a date", nullptr},
                                           DateCase{"yesterday", nullptr},
                                           DateCase{"2003-02-29T00:00:00Z", nullptr},
                                           DateCase{"2003-13-01", nullptr},
                                           DateCase{"2003-12-31T25:00:00Z", nullptr},
                                           DateCase{"Mon, 32 Jan 2004 08:00:00 GMT", nullptr},
                                           DateCase{"Mon, 05 Foo 2004 08:00:00 GMT", nullptr},
                                           DateCase{"Mon, 05 Jan 2004 08:61:00 GMT", nullptr},
                                           DateCase{"05 Jan 2004 08:00:00 +9999", nullptr},
                                           DateCase{"2003-12-31T10:14:55 garbage here", nullptr},
                                           DateCase{"Jan 2004", nullptr}));

}  // namespace
}  // namespace gpalert
