#include "alerts/mail/mime_mailbox.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

class GoodAddressTest : public ::testing::TestWithParam<const char*> {};
TEST_P(GoodAddressTest, IsAccepted) { EXPECT_TRUE(CheckAddrSpec(GetParam()).ok()) << GetParam(); }
INSTANTIATE_TEST_SUITE_P(Cases, GoodAddressTest,
                         ::testing::Values("reader@example.org", "a.b+tag@sub.example.co.uk",
                                           "alerts@localhost", "o'brien@example.ie",
                                           "\"john smith\"@example.org", "x@[192.0.2.1]",
                                           "user_1-2@xn--bcher-kva.example"));

class BadAddressTest : public ::testing::TestWithParam<const char*> {};
TEST_P(BadAddressTest, IsRejected) { EXPECT_FALSE(CheckAddrSpec(GetParam()).ok()) << GetParam(); }
INSTANTIATE_TEST_SUITE_P(Cases, BadAddressTest,
                         ::testing::Values("", "reader", "@example.org", "reader@",
                                           "a..b@example.org", ".a@example.org", "a.@example.org",
                                           "a b@example.org", "a@exa mple.org", "a@-example.org",
                                           "a@example..org", "a@example.org\r\nBcc: x@y.z",
                                           "a@b@c.org", "ü@example.org", "a@bücher.example",
                                           "a<b>@example.org"));

TEST(MailboxTest, ParsesDisplayNames) {
  auto plain = ParseMailbox("alerts@example.org");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->name, "");
  EXPECT_EQ(plain->address, "alerts@example.org");
  auto named = ParseMailbox("GP Alerts <alerts@example.org>");
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->name, "GP Alerts");
  EXPECT_EQ(named->address, "alerts@example.org");
  auto quoted = ParseMailbox("\"GP Alerts, \\\"NIAS\\\"\" <alerts@example.org>");
  ASSERT_TRUE(quoted.ok());
  EXPECT_EQ(quoted->name, "GP Alerts, \"NIAS\"");
  auto unicode = ParseMailbox("Ålerts Ü <alerts@example.org>");
  ASSERT_TRUE(unicode.ok());
  EXPECT_EQ(unicode->name, "Ålerts Ü");
}

TEST(MailboxTest, RejectsBrokenMailboxes) {
  EXPECT_FALSE(ParseMailbox("GP Alerts <alerts@>").ok());
  EXPECT_FALSE(ParseMailbox("GP Alerts alerts@example.org>").ok());
  EXPECT_FALSE(ParseMailbox("GP\r\nBcc: x@y.z <alerts@example.org>").ok());
}

// Found by fuzz/mime_mailbox_fuzzer (fuzz/crashers/mime_mailbox/): a backslash in a quoted
// local part let any byte through, CR and LF included, which would reach SMTP commands.
TEST(CheckAddrSpecTest, QuotedPairCrlfInAddrSpecIsRefused) {
  EXPECT_FALSE(CheckAddrSpec("\"\\\r\\\n\"@example.org").ok());
  EXPECT_FALSE(CheckAddrSpec("\"a\\\x12"
                             "b\"@example.org")
                   .ok());
  EXPECT_FALSE(CheckAddrSpec("\"a\\\xc3\xa9\"@example.org").ok());
  EXPECT_FALSE(CheckAddrSpec("\"\\\t>\"@2").ok());  // fuzz/crashers/mime_mailbox/quoted-pair-tab
  EXPECT_TRUE(CheckAddrSpec("\"a\\\"b\\ c\"@example.org").ok());
}

TEST(ParseMailboxTest, QuotedPairControlCharInDisplayFormIsRefused) {
  EXPECT_FALSE(ParseMailbox("Name <\"qdd \\\\\\\x12\\\\\\r@sc~l\"@[.1]>").ok());
}

}  // namespace
}  // namespace gpalert
