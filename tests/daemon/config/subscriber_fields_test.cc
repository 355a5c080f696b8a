// Subscriber fields: a keyword with a comma is refused at every entry point that checks
// settings (the comma separates keywords on the forms and in a confirmation link).
#include "daemon/config/subscriber_fields.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

TEST(SubscriberFieldsTest, AKeywordWithACommaIsRefusedWithWhatToWrite) {
  Config config;
  SubscriberSettings s;
  s.keywords = {"tax reform", "budget"};
  EXPECT_TRUE(CheckSubscriberSettings("a@example.org", s, config).ok());
  s.keywords = {"tax reform", "Smith, John"};
  Status refused = CheckSubscriberSettings("a@example.org", s, config);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(refused.message(),
            "keyword \"Smith, John\" has a comma, which separates keywords: for one phrase leave "
            "the comma out (\"Smith John\" matches the same articles: punctuation does not "
            "count), or give the parts as separate keywords");
  EXPECT_EQ(KeywordCommaProblem("Smith John"), "");
}

TEST(SubscriberFieldsTest, CommasBecomeSingleWordBreaks) {
  EXPECT_EQ(CommasAsSpaces("Smith, John"), "Smith John");
  EXPECT_EQ(CommasAsSpaces("1,000"), "1 000");
  EXPECT_EQ(CommasAsSpaces(",a ,, b,"), "a b");
  EXPECT_EQ(CommasAsSpaces("no comma"), "no comma");
  EXPECT_EQ(JoinCommaParts("Smith, John,", "; "), "Smith; John");
}

}  // namespace
}  // namespace gpalert
