#include "alerts/signed_token.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

const Instant kNow = *ParseRfc3339Utc("2026-12-01T10:00:00Z");
const Instant kLater = kNow + std::chrono::hours(24);

TEST(SignedTokenTest, PassesForItsPurposeSubjectAndExpiryOnly) {
  std::string t = SignToken("key", TokenPurpose::kConfirm, "Reader@Example.org", kLater);
  EXPECT_EQ(t.size(), 32u);
  EXPECT_EQ(CheckToken("key", TokenPurpose::kConfirm, "reader@example.org", kLater, t, kNow),
            TokenCheck::kValid);
  EXPECT_EQ(CheckToken("key", TokenPurpose::kManage, "reader@example.org", kLater, t, kNow),
            TokenCheck::kForged);
  EXPECT_EQ(CheckToken("key", TokenPurpose::kConfirm, "other@example.org", kLater, t, kNow),
            TokenCheck::kForged);
  EXPECT_EQ(CheckToken("key", TokenPurpose::kConfirm, "reader@example.org",
                       kLater + std::chrono::seconds(1), t, kNow),
            TokenCheck::kForged);
  EXPECT_EQ(CheckToken("other key", TokenPurpose::kConfirm, "reader@example.org", kLater, t, kNow),
            TokenCheck::kForged);
  EXPECT_EQ(CheckToken("", TokenPurpose::kConfirm, "reader@example.org", kLater,
                       SignToken("", TokenPurpose::kConfirm, "reader@example.org", kLater), kNow),
            TokenCheck::kForged);
  EXPECT_EQ(
      CheckToken("key", TokenPurpose::kConfirm, "reader@example.org", kLater, t.substr(1), kNow),
      TokenCheck::kForged);
}

TEST(SignedTokenTest, ExpiresAfterItsTime) {
  std::string t = SignToken("key", TokenPurpose::kForm, "cookie", kLater);
  EXPECT_EQ(CheckToken("key", TokenPurpose::kForm, "cookie", kLater, t, kLater),
            TokenCheck::kValid);
  EXPECT_EQ(
      CheckToken("key", TokenPurpose::kForm, "cookie", kLater, t, kLater + std::chrono::seconds(1)),
      TokenCheck::kExpired);
}

}  // namespace
}  // namespace gpalert
