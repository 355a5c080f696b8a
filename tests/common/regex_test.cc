#include "common/regex.h"

#include <gtest/gtest.h>

#include <string>

namespace gpalert {
namespace {

TEST(RegexTest, SearchesAnywhereInTheText) {
  Result<Regex> re = Regex::Compile(R"(recordNo=\d+$)");
  ASSERT_TRUE(re.ok()) << re.status().ToString();
  EXPECT_TRUE(re->Search("https://x.org/view_articles.php?url=P&recordNo=1251"));
  EXPECT_FALSE(re->Search("https://x.org/view_articles.php?recordNo=12#top"));
}

TEST(RegexTest, RejectsWhatRe2CannotMatchInLinearTimeWithItsReason) {
  Result<Regex> backreference = Regex::Compile(R"((a)\1)");
  ASSERT_FALSE(backreference.ok());
  EXPECT_EQ(backreference.status().code(), Status::Code::kInvalidArgument);
  EXPECT_FALSE(backreference.status().message().empty());
  EXPECT_FALSE(Regex::Compile("view_articles(").ok());
}

TEST(RegexTest, ReplaceAllTakesTheReplacementLiterally) {
  Result<Regex> re = Regex::Compile("[0-9]+");
  ASSERT_TRUE(re.ok());
  EXPECT_EQ(re->ReplaceAll("a1b22c", R"(\1)"), R"(a\1b\1c)");
  EXPECT_EQ(re->ReplaceAll("abc", "-"), "abc");
}

// Issue 9: under std::regex these overflowed the stack (a 200 KB href under a pattern
// with .*) or backtracked for minutes ((a*)*b on a 20-character href). RE2 answers both.
TEST(RegexTest, HostilePatternsAndInputsEndAndAnswerCorrectly) {
  Result<Regex> dot_star = Regex::Compile(R"(view_articles\.php.*recordNo=)");
  ASSERT_TRUE(dot_star.ok());
  std::string long_href = "https://x.org/view_articles.php?" + std::string(200 * 1024, 'a');
  EXPECT_FALSE(dot_star->Search(long_href));
  EXPECT_TRUE(dot_star->Search(long_href + "&recordNo=1"));

  Result<Regex> nested = Regex::Compile("(a*)*b");
  ASSERT_TRUE(nested.ok());
  EXPECT_FALSE(nested->Search(std::string(20, 'a')));
  EXPECT_FALSE(nested->Search(std::string(100000, 'a')));
  EXPECT_TRUE(nested->Search(std::string(100000, 'a') + "b"));
}

}  // namespace
}  // namespace gpalert
