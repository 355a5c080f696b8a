#include "fetchers/robots_txt.h"

#include <gtest/gtest.h>

#include "fetchers/robots_entry.h"

namespace gpalert {
namespace {

TEST(RobotsTxtTest, ChoosesTheGroupNamingOurProductTokenOverTheStarGroup) {
  RobotsTxt r = RobotsTxt::Parse(
      "User-agent: *\nDisallow: /\n\n"
      "User-agent: OtherBot\nUser-agent: GPAlert/2.0\nDisallow: /private/\n",
      "gpalert");
  EXPECT_TRUE(r.Allowed("/news/1"));
  EXPECT_FALSE(r.Allowed("/private/x"));
}

TEST(RobotsTxtTest, FallsBackToTheStarGroupAndMergesRepeatedGroups) {
  RobotsTxt r = RobotsTxt::Parse(
      "user-agent: *\ndisallow: /a\n\nUser-Agent: somebot\nDisallow: /\n\nUSER-AGENT: *\nDisallow: "
      "/b\n",
      "gpalert");
  EXPECT_FALSE(r.Allowed("/a"));
  EXPECT_FALSE(r.Allowed("/b/c"));
  EXPECT_TRUE(r.Allowed("/c"));
}

TEST(RobotsTxtTest, AllowsEverythingWithoutAMatchingGroup) {
  RobotsTxt r = RobotsTxt::Parse("User-agent: somebot\nDisallow: /\n", "gpalert");
  EXPECT_TRUE(r.Allowed("/"));
  EXPECT_TRUE(RobotsTxt::Parse("", "gpalert").Allowed("/x"));
  EXPECT_TRUE(
      RobotsTxt::Parse("Disallow: /\n", "gpalert").Allowed("/x"));  // rule outside any group
}

TEST(RobotsTxtTest, AppliesTheLongestMatchWithAllowWinningTies) {
  RobotsTxt r = RobotsTxt::Parse(
      "User-agent: *\nDisallow: /shop\nAllow: /shop/public\nAllow: /page\nDisallow: /page\n"
      "Disallow: /*.php$\nAllow: /index.php$\nDisallow: /tmp*/x\nDisallow:\n",
      "gpalert");
  const std::pair<const char*, bool> cases[] = {
      {"/shop", false},
      {"/shop/cart", false},
      {"/shop/public/1", true},
      {"/page", true},
      {"/a/b.php", false},
      {"/a/b.php?x=1", true},
      {"/index.php", true},
      {"/tmpfoo/x", false},
      {"/tmp/y", true},
      {"/", true},
      {"", true},
      {"/robots.txt", true},
  };
  for (const auto& [path, allowed] : cases) EXPECT_EQ(r.Allowed(path), allowed) << path;
}

TEST(RobotsTxtTest, NamesTheBlockingRuleForMessages) {
  RobotsTxt r = RobotsTxt::Parse("User-agent: *\nDisallow: /private/ # staff only\n", "gpalert");
  const RobotsTxt::Rule* rule = r.Blocking("/private/x");
  ASSERT_NE(rule, nullptr);
  EXPECT_EQ(rule->pattern, "/private/");
  EXPECT_EQ(r.Blocking("/public"), nullptr);
}

TEST(RobotsTxtTest, ComparesPathsAfterPercentEncodingNormalisation) {
  RobotsTxt r =
      RobotsTxt::Parse("User-agent: *\nDisallow: /caf%c3%a9\nDisallow: /%7Euser\n", "gpalert");
  EXPECT_FALSE(r.Allowed("/caf\xc3\xa9/menu"));
  EXPECT_FALSE(r.Allowed("/caf%C3%A9"));
  EXPECT_FALSE(r.Allowed("/~user/page"));
}

TEST(RobotsTxtTest, ReadsCrawlDelayAndToleratesCrLfBomAndJunk) {
  RobotsTxt r = RobotsTxt::Parse(
      "\xEF\xBB\xBFUser-agent: *\r\nCrawl-delay: 2.5\r\nthis line is junk\r\nSitemap: "
      "/s.xml\r\nDisallow: /x\r\n",
      "gpalert");
  EXPECT_EQ(r.crawl_delay(), std::chrono::milliseconds(2500));
  EXPECT_FALSE(r.Allowed("/x"));
  EXPECT_EQ(RobotsTxt::Parse("User-agent: *\nCrawl-delay: soon\n", "gpalert").crawl_delay(),
            std::nullopt);
}

TEST(RobotsTxtTest, StaysFastOnHostileWildcardPatterns) {
  std::string body = "User-agent: *\n";
  for (int i = 0; i < 200; ++i) body += "Disallow: /" + std::string(50, '*') + "a*b*c*d*e*f*g$\n";
  RobotsTxt r = RobotsTxt::Parse(body, "gpalert");
  EXPECT_TRUE(r.Allowed("/" + std::string(2000, 'a')));
  EXPECT_FALSE(r.Allowed("/abcdefg"));
}

TEST(RobotsTxtTest, MatchesPatternsWithWildcardsAndAnchors) {
  const std::tuple<const char*, const char*, bool> cases[] = {
      {"/", "/anything", true},
      {"/fish", "/fish.html", true},
      {"/fish", "/Fish", false},
      {"/fish$", "/fish", true},
      {"/fish$", "/fish/", false},
      {"/*.php", "/a/b.php?q", true},
      {"/*.php$", "/a.php5", false},
      {"*", "/", true},
      {"/a*b*c", "/aXbYc/z", true},
      {"/a*b*c", "/acb", false},
      {"$", "", true},
      {"/x$", "/x", true},
  };
  for (const auto& [pattern, path, want] : cases)
    EXPECT_EQ(RobotsPatternMatches(pattern, path), want) << pattern << " vs " << path;
}

TEST(RobotsTxtTest, TakesTheProductTokenFromTheUserAgent) {
  EXPECT_EQ(ProductToken("gpalert/0.1 (+mailto:a@b.org)"), "gpalert");
  EXPECT_EQ(ProductToken("My_Bot-X 1.0"), "my_bot-x");
  EXPECT_EQ(RobotsUrlFor("https://user@Example.org:8443/a/b?c"),
            "https://Example.org:8443/robots.txt");
}

FetchResult Answered(long status, FetchError error, std::string body = "") {
  FetchResult r;
  r.http_status = status;
  r.error = error;
  r.body = std::move(body);
  return r;
}

TEST(RobotsEntryTest, TreatsClientErrorsAsAllowAllAndServerErrorsAsDisallowAll) {
  FetcherOptions options;
  RobotsEntry ok = RobotsEntryFromFetch(
      Answered(200, FetchError::kNone, "User-agent: *\nDisallow: /p\n"), "gpalert", options);
  EXPECT_FALSE(ok.rules.Allowed("/p"));
  EXPECT_EQ(ok.ttl, options.robots_ttl);

  RobotsEntry missing =
      RobotsEntryFromFetch(Answered(404, FetchError::kHttpStatus), "gpalert", options);
  EXPECT_TRUE(missing.rules.Allowed("/anything"));
  EXPECT_FALSE(missing.failure);
  EXPECT_EQ(missing.ttl, options.robots_ttl);

  FetchResult busy = Answered(503, FetchError::kHttpStatus);
  busy.message = "HTTP 503 Service Unavailable";
  RobotsEntry down = RobotsEntryFromFetch(busy, "gpalert", options);
  EXPECT_FALSE(down.rules.Allowed("/"));
  EXPECT_EQ(down.failure, FetchError::kRobots);
  EXPECT_EQ(
      down.failure_message,
      "robots.txt answered HTTP 503 Service Unavailable; not fetching from this host for 10 min");
  EXPECT_EQ(down.ttl, options.robots_error_ttl);

  FetchResult refused = Answered(0, FetchError::kConnect);
  refused.message = "connection refused";
  RobotsEntry unreachable = RobotsEntryFromFetch(refused, "gpalert", options);
  EXPECT_EQ(unreachable.failure, FetchError::kConnect);
  EXPECT_EQ(unreachable.failure_message, "connection refused (fetching robots.txt)");
}

}  // namespace
}  // namespace gpalert
