#include "alerts/url_canonicalizer.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

struct CanonicalCase {
  const char* in;
  const char* out;
};

class CanonicalizeUrlTest : public ::testing::TestWithParam<CanonicalCase> {};

TEST_P(CanonicalizeUrlTest, GivesTheDedupForm) {
  EXPECT_EQ(CanonicalizeUrl(GetParam().in), GetParam().out) << GetParam().in;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CanonicalizeUrlTest,
    ::testing::Values(
        // scheme and host
        CanonicalCase{"HTTP://Example.ORG/a", "https://example.org/a"},
        CanonicalCase{"https://example.org/a", "https://example.org/a"},
        CanonicalCase{"http://www.example.org/a", "https://example.org/a"},
        CanonicalCase{"https://WWW.Example.org./a", "https://example.org/a"},
        CanonicalCase{"https://www2.example.org/a", "https://www2.example.org/a"},
        CanonicalCase{"https://user:pw@example.org/a", "https://example.org/a"},
        // ports
        CanonicalCase{"http://example.org:80/a", "https://example.org/a"},
        CanonicalCase{"https://example.org:443/a", "https://example.org/a"},
        CanonicalCase{"http://example.org:8080/a", "https://example.org:8080/a"},
        CanonicalCase{"http://127.0.0.1:8000/feed", "https://127.0.0.1:8000/feed"},
        // path
        CanonicalCase{"https://example.org", "https://example.org/"},
        CanonicalCase{"https://example.org/", "https://example.org/"},
        CanonicalCase{"https://example.org/a/b/", "https://example.org/a/b"},
        CanonicalCase{"https://example.org/a/b//", "https://example.org/a/b"},
        CanonicalCase{"https://example.org/a/./b/../c", "https://example.org/a/c"},
        CanonicalCase{"https://example.org/a/%2e%2e/c", "https://example.org/c"},
        CanonicalCase{"https://example.org/%7Euser/%41bc", "https://example.org/~user/Abc"},
        CanonicalCase{"https://example.org/a%2fb%c3%a9", "https://example.org/a%2Fb%C3%A9"},
        CanonicalCase{"https://example.org/Path/Case", "https://example.org/Path/Case"},
        // fragment
        CanonicalCase{"https://example.org/a#section-2", "https://example.org/a"},
        CanonicalCase{"https://example.org/a?x=1#top", "https://example.org/a?x=1"},
        // query: tracking removed, rest sorted, values as written
        CanonicalCase{"https://example.org/a?utm_source=rss&utm_medium=feed",
                      "https://example.org/a"},
        CanonicalCase{"https://example.org/a?UTM_Campaign=x&id=3", "https://example.org/a?id=3"},
        CanonicalCase{"https://example.org/a?b=2&fbclid=abc&a=1&gclid=z",
                      "https://example.org/a?a=1&b=2"},
        CanonicalCase{"https://example.org/a?mc_cid=1&mc_eid=2&_ga=3&yclid=4&igshid=5&k=v",
                      "https://example.org/a?k=v"},
        CanonicalCase{"https://example.org/a?b=2&a=3&a=1", "https://example.org/a?a=1&a=3&b=2"},
        CanonicalCase{"https://example.org/a?&&a=1&", "https://example.org/a?a=1"},
        CanonicalCase{"https://example.org/a?flag", "https://example.org/a?flag"},
        CanonicalCase{"https://example.org/a?q=Hello%20World&Q=x",
                      "https://example.org/a?Q=x&q=Hello%20World"},
        CanonicalCase{"https://example.org/a?q=%7e%2f", "https://example.org/a?q=~%2F"},
        CanonicalCase{"https://example.org/a?", "https://example.org/a"},
        // the seed site: query identifies the page, http and https both served
        CanonicalCase{
            "http://www.ipriindia.org/view_articles.php?url=Pakistan-Reader&recordNo=1251",
            "https://ipriindia.org/view_articles.php?recordNo=1251&url=Pakistan-Reader"},
        CanonicalCase{"https://ipriindia.org/"
                      "view_articles.php?recordNo=1251&url=Pakistan-Reader&utm_source=x",
                      "https://ipriindia.org/view_articles.php?recordNo=1251&url=Pakistan-Reader"},
        CanonicalCase{"https://ipriindia.org/view_articles.php?url=PAKISTAN-READER&recordNo=1251",
                      "https://ipriindia.org/view_articles.php?recordNo=1251&url=PAKISTAN-READER"},
        // not http(s): unchanged
        CanonicalCase{"  mailto:A@Example.org ", "mailto:A@Example.org"},
        CanonicalCase{"/relative/path", "/relative/path"}, CanonicalCase{"", ""},
        CanonicalCase{"http://", "http://"}));

TEST(CanonicalizeUrlTest, IgnoresTrackingParametersWhenDeduplicating) {
  EXPECT_EQ(CanonicalizeUrl("https://example.org/story/?utm_source=twitter&fbclid=IwAR0"),
            CanonicalizeUrl("http://www.example.org/story#comments"));
}

TEST(CanonicalizeUrlTest, KeepsPagesThatDifferOnlyInAnIdentifyingParameter) {
  EXPECT_NE(CanonicalizeUrl("https://x.org/view.php?recordNo=1251"),
            CanonicalizeUrl("https://x.org/view.php?recordNo=1252"));
}

TEST(CanonicalizeUrlTest, IsIdempotent) {
  for (const char* url : {"HTTP://www.Example.org:80/a/./b/?utm_x=1&b=%7e&a#f",
                          "https://x.org/%2F/", "http://x.org/a?b=1&a=2&a=1"}) {
    std::string once = CanonicalizeUrl(url);
    EXPECT_EQ(CanonicalizeUrl(once), once) << url;
  }
}

TEST(CanonicalizeUrlTest, RecognisesTrackingParameterNames) {
  EXPECT_TRUE(IsTrackingParameter("utm_content"));
  EXPECT_TRUE(IsTrackingParameter("FBCLID"));
  EXPECT_FALSE(IsTrackingParameter("url"));
  EXPECT_FALSE(IsTrackingParameter("recordNo"));
}

}  // namespace
}  // namespace gpalert

namespace gpalert {
namespace {

TEST(CanonicalizeUrlTest, HandlesIpv6HostsAndEmptyPathsWithQueries) {
  EXPECT_EQ(CanonicalizeUrl("http://[::1]:80/a/"), "https://[::1]/a");
  EXPECT_EQ(CanonicalizeUrl("http://[2001:DB8::1]:8080"), "https://[2001:db8::1]:8080/");
  EXPECT_EQ(CanonicalizeUrl("http://example.org?b=2&a=1"), "https://example.org/?a=1&b=2");
}

TEST(CanonicalizeUrlTest, SurvivesHostileInput) {
  const std::string inputs[] = {
      "http://[::1",
      "http://example.org/%",
      "http://example.org/%zz%4",
      "http://example.org/?=&==&a==b",
      "https://@:/",
      std::string("http://x.org/\0a", 15),
      "http://x.org/" + std::string(100000, '/'),
      "http://x.org/" + std::string(5000, '.') + "/" + std::string(3000, '%'),
      "http://x.org/?" + std::string(20000, '&'),
      "http://\xff\xfe/\x80?\x81=\x82#\x83",
      "http://x.org:99999999999/",
      "http://x.org/../../../../etc/passwd"};
  for (const auto& in : inputs) {
    std::string out = CanonicalizeUrl(in);
    EXPECT_EQ(CanonicalizeUrl(out), out) << in.substr(0, 60);
  }
  EXPECT_EQ(CanonicalizeUrl("http://x.org/../../../../etc/passwd"), "https://x.org/etc/passwd");
}

}  // namespace
}  // namespace gpalert

namespace gpalert {
namespace {

TEST(CanonicalizeUrlTest, LeavesMalformedAuthoritiesUnchanged) {
  EXPECT_EQ(CanonicalizeUrl("http://[::1/a"), "http://[::1/a");
  EXPECT_EQ(CanonicalizeUrl("http://x.org:99999999999/"), "http://x.org:99999999999/");
  EXPECT_EQ(CanonicalizeUrl("http://x.org:8o/"), "http://x.org:8o/");
  EXPECT_EQ(CanonicalizeUrl("http://user:pass@x.org/"), "https://x.org/");
  EXPECT_EQ(CanonicalizeUrl("http://x.org:/"), "https://x.org/");
}

}  // namespace
}  // namespace gpalert

namespace gpalert {
namespace {

TEST(CanonicalizeUrlTest, IsIdempotentOnRepeatedWwwPrefixes) {
  std::string once = CanonicalizeUrl("http://www.www.example.org/a");
  EXPECT_EQ(once, "https://example.org/a");
  EXPECT_EQ(CanonicalizeUrl(once), once);
  std::string bare = CanonicalizeUrl("https://www.www./a");
  EXPECT_EQ(CanonicalizeUrl(bare), bare);
}

// The seed site's shapes: one note under several scripts, the series in `url` spelt in
// either case, the article in `recordNo`.
TEST(CanonicalizeUrlTest, IgnoreCaseRuleLowerCasesTheNamedParametersValuesOnly) {
  UrlRules rules;
  rules.ignore_case = {"url"};
  EXPECT_EQ(CanonicalizeUrl(
                "https://nias.example/view_articles.php?recordNo=1251&url=Pakistan-Reader", rules),
            CanonicalizeUrl(
                "https://nias.example/view_articles.php?url=pakistan-reader&recordNo=1251", rules));
  // The parameter's name in any case is the rule's: one article whichever a page uses.
  EXPECT_EQ(CanonicalizeUrl("https://a.example/p?URL=Mixed&Other=Mixed", rules),
            "https://a.example/p?Other=Mixed&url=mixed");
  EXPECT_EQ(CanonicalizeUrl("https://nias.example/v.php?URL=pakistan-reader&recordNo=1", rules),
            CanonicalizeUrl("https://nias.example/v.php?recordNo=1&url=Pakistan-Reader", rules));
  // Without the rule the case of a value matters (some sites' ids are case-sensitive).
  EXPECT_NE(CanonicalizeUrl("https://a.example/p?url=A"),
            CanonicalizeUrl("https://a.example/p?url=a"));
}

TEST(CanonicalizeUrlTest, KeyRuleKeepsOnlyTheIdentifyingParameters) {
  UrlRules rules;
  rules.key = {"recordNo"};
  EXPECT_EQ(CanonicalizeUrl("https://nias.example/view_cir_articles.php?url=Pakistan-Reader&"
                            "recordNo=1251&lang=en",
                            rules),
            "https://nias.example/view_cir_articles.php?recordNo=1251");
  EXPECT_EQ(CanonicalizeUrl("https://nias.example/view_articles.php?RECORDNO=7&x=1", rules),
            "https://nias.example/view_articles.php?recordNo=7");
  EXPECT_EQ(CanonicalizeUrl("https://nias.example/v.php?RecordNo=1", rules),
            CanonicalizeUrl("https://nias.example/v.php?recordNo=1", rules));
  // A URL without any key parameter keeps its query: nothing says which page it is.
  EXPECT_EQ(CanonicalizeUrl("https://nias.example/list.php?page=2&url=x", rules),
            "https://nias.example/list.php?page=2&url=x");
  std::string once = CanonicalizeUrl("https://nias.example/v.php?recordNo=1&url=A", rules);
  EXPECT_EQ(CanonicalizeUrl(once, rules), once);
}

}  // namespace
}  // namespace gpalert
