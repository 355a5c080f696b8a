#include "common/url.h"

#include <gtest/gtest.h>

namespace gpalert {

// RFC 3986 section 5.4 examples.
TEST(UrlTest, ResolvesRfc3986Examples) {
  const std::string base = "http://a/b/c/d;p?q";
  const std::pair<const char*, const char*> cases[] = {
      {"g:h", "g:h"},
      {"g", "http://a/b/c/g"},
      {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"},
      {"/g", "http://a/g"},
      {"//g", "http://g/"},
      {"?y", "http://a/b/c/d;p?y"},
      {"g?y", "http://a/b/c/g?y"},
      {"#s", "http://a/b/c/d;p?q#s"},
      {"", "http://a/b/c/d;p?q"},
      {".", "http://a/b/c/"},
      {"..", "http://a/b/"},
      {"../g", "http://a/b/g"},
      {"../../../g", "http://a/g"},
      {"g;x=1/../y", "http://a/b/c/y"},
  };
  for (const auto& [ref, want] : cases) EXPECT_EQ(ResolveUrl(base, ref), want) << ref;
}

TEST(UrlTest, SplitsHostAndPort) {
  UrlParts p = SplitUrl("HTTPS://User@Example.ORG:8443/x?y=1#z");
  EXPECT_EQ(p.scheme, "https");
  EXPECT_EQ(p.host(), "example.org");
  EXPECT_EQ(p.port(), 8443);
  EXPECT_EQ(p.query, "y=1");
  EXPECT_EQ(p.fragment, "z");
  EXPECT_TRUE(IsHttpUrl("http://example.org"));
  EXPECT_FALSE(IsHttpUrl("file:///etc/passwd"));
}

}  // namespace gpalert

namespace gpalert {

TEST(UrlTest, PercentEncodesAllButUnreservedAndRoundTrips) {
  EXPECT_EQ(PercentEncode("a b+c@d.e~f_g-h"), "a%20b%2Bc%40d.e~f_g-h");
  EXPECT_EQ(PercentEncode("\xC3\xA9"), "%C3%A9");
  EXPECT_EQ(PercentDecode(PercentEncode("x=1&y=\r\n")), "x=1&y=\r\n");
}

}  // namespace gpalert
