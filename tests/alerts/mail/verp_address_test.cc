#include "alerts/mail/verp_address.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

constexpr const char* kBounce = "bounces@example.org";
constexpr const char* kKey = "0123456789abcdef0123456789abcdef";

TEST(VerpAddressTest, NamesTheRecipientAndTheRowAndReadsBack) {
  std::string verp = VerpAddress(kBounce, kKey, "Ann.Lee+gp@mail.example.com", 42);
  EXPECT_EQ(verp.rfind("bounces+42-ann.lee_2bgp=mail.example.com-", 0), 0u) << verp;
  EXPECT_TRUE(verp.ends_with("@example.org"));
  EXPECT_LE(verp.find('@'), 64u);
  for (char c : verp.substr(0, verp.find('@'))) {
    EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
                c == '_' || c == '=' || c == '+')
        << c;
  }
  VerpMatch m = ReadVerpAddress(verp, kBounce, kKey);
  ASSERT_EQ(m.kind, VerpMatch::Kind::kValid);
  EXPECT_EQ(m.outbox_id, 42);
  EXPECT_EQ(m.recipient, "ann.lee+gp@mail.example.com");
}

TEST(VerpAddressTest, SurvivesAnMtaThatChangesTheCase) {
  std::string verp = VerpAddress(kBounce, kKey, "a@b.org", 7);
  std::string upper;
  for (char c : verp) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  VerpMatch m = ReadVerpAddress(upper, kBounce, kKey);
  ASSERT_EQ(m.kind, VerpMatch::Kind::kValid);
  EXPECT_EQ(m.recipient, "a@b.org");
}

TEST(VerpAddressTest, ALongAddressFallsBackToTheRowAlone) {
  std::string long_address =
      "a.very.long.local.part.of.someone@a-rather-long-domain-name.example.com";
  std::string verp = VerpAddress(kBounce, kKey, long_address, 123456);
  EXPECT_LE(verp.find('@'), 64u) << verp;
  EXPECT_EQ(verp.rfind("bounces+123456-", 0), 0u);
  VerpMatch m = ReadVerpAddress(verp, kBounce, kKey);
  ASSERT_EQ(m.kind, VerpMatch::Kind::kValid);
  EXPECT_EQ(m.outbox_id, 123456);
  EXPECT_EQ(m.recipient, "");
  // The longest bounce local part and id still fit.
  std::string longest = std::string(kMaxBounceLocalPart, 'b') + "@example.org";
  ASSERT_TRUE(CheckBounceAddress(longest).ok());
  std::string worst = VerpAddress(longest, kKey, long_address, INT64_MAX);
  EXPECT_LE(worst.find('@'), 64u) << worst;
  EXPECT_EQ(ReadVerpAddress(worst, longest, kKey).kind, VerpMatch::Kind::kValid);
}

TEST(VerpAddressTest, RefusesForgedUnsignedAndOtherKeysTokens) {
  std::string verp = VerpAddress(kBounce, kKey, "a@b.org", 7);
  // Another recipient with the same signature.
  std::string swapped = verp;
  swapped.replace(swapped.find("a=b.org"), 7, "c=b.org");
  EXPECT_EQ(ReadVerpAddress(swapped, kBounce, kKey).kind, VerpMatch::Kind::kForged);
  // Another row.
  std::string other_row = verp;
  other_row.replace(other_row.find("+7-"), 3, "+8-");
  EXPECT_EQ(ReadVerpAddress(other_row, kBounce, kKey).kind, VerpMatch::Kind::kForged);
  // Row ids past 64 bits, negative or not digits are forged, not an exception.
  for (const char* id : {"+99999999999999999999-", "+9999999999999999999-", "+-7-", "+7x-"}) {
    std::string bad = verp;
    bad.replace(bad.find("+7-"), 3, id);
    EXPECT_EQ(ReadVerpAddress(bad, kBounce, kKey).kind, VerpMatch::Kind::kForged) << id;
  }
  // Classic unsigned VERP, and a token made under another key.
  EXPECT_EQ(ReadVerpAddress("bounces+a=b.org@example.org", kBounce, kKey).kind,
            VerpMatch::Kind::kForged);
  EXPECT_EQ(ReadVerpAddress(verp, kBounce, "another key").kind, VerpMatch::Kind::kForged);
  EXPECT_EQ(ReadVerpAddress(verp, kBounce, "").kind, VerpMatch::Kind::kForged);
  // Not the bounce address at all.
  EXPECT_EQ(ReadVerpAddress("bounces@example.org", kBounce, kKey).kind, VerpMatch::Kind::kNone);
  EXPECT_EQ(ReadVerpAddress("list@example.org", kBounce, kKey).kind, VerpMatch::Kind::kNone);
  std::string elsewhere = verp.substr(0, verp.find('@')) + "@example.net";
  EXPECT_EQ(ReadVerpAddress(elsewhere, kBounce, kKey).kind, VerpMatch::Kind::kNone);
}

TEST(VerpAddressTest, ChecksTheBounceAddress) {
  EXPECT_TRUE(CheckBounceAddress("bounces@example.org").ok());
  EXPECT_TRUE(CheckBounceAddress("gp-alerts.bounces@lists.example.org").ok());
  EXPECT_FALSE(CheckBounceAddress("bounces+x@example.org").ok());
  EXPECT_FALSE(CheckBounceAddress("not an address").ok());
  EXPECT_FALSE(CheckBounceAddress("bounces@[192.0.2.1]").ok());
  Status long_one = CheckBounceAddress(std::string(kMaxBounceLocalPart + 1, 'b') + "@example.org");
  EXPECT_FALSE(long_one.ok());
  EXPECT_NE(long_one.message().find("longer than"), std::string::npos);
}

}  // namespace
}  // namespace gpalert
