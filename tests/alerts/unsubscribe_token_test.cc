#include "alerts/unsubscribe_token.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

TEST(UnsubscribeTokenTest, UnsubscribeTokensAreStableKeyedAndCaseInsensitive) {
  std::string t = UnsubscribeToken("secret", "Reader@Example.org");
  EXPECT_EQ(t.size(), 32u);
  EXPECT_EQ(t, UnsubscribeToken("secret", "reader@example.org"));
  EXPECT_NE(t, UnsubscribeToken("other", "reader@example.org"));
  EXPECT_NE(t, UnsubscribeToken("secret", "someone@example.org"));
  EXPECT_TRUE(UnsubscribeTokenMatches("secret", "reader@example.org", t));
  EXPECT_FALSE(UnsubscribeTokenMatches("secret", "reader@example.org", t.substr(1)));
  EXPECT_FALSE(UnsubscribeTokenMatches("secret", "someone@example.org", t));
}

}  // namespace
}  // namespace gpalert
