#include "alerts/matcher.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

StoredArticle Article(std::vector<std::string> sources, std::string title,
                      std::string summary = "") {
  StoredArticle a;
  a.sources = std::move(sources);
  a.title = std::move(title);
  if (!summary.empty()) a.summary = std::move(summary);
  return a;
}

const SourceTags kTags = {
    {"Pakistan Reader", {"pakistan", "South-Asia"}},
    {"Africa Weekly", {"africa"}},
    {"Europe Monitor", {}},
};

TEST(MatcherTest, EmptyFiltersAdmitEverything) {
  Matcher m(Subscriber{}, kTags);
  EXPECT_TRUE(m.Matches(Article({"Europe Monitor"}, "Anything")));
  EXPECT_TRUE(m.Matches(Article({"Unknown Source"}, "")));
}

TEST(MatcherTest, SourcesOrTagsSelectTheArticle) {
  Subscriber s;
  s.sources = {"Europe Monitor"};
  s.tags = {"AFRICA"};
  Matcher m(s, kTags);
  EXPECT_TRUE(m.Matches(Article({"Europe Monitor"}, "x")));
  EXPECT_TRUE(m.Matches(Article({"Africa Weekly"}, "x")));
  EXPECT_FALSE(m.Matches(Article({"Pakistan Reader"}, "x")));
  // A cross-posted article matches through any of its sources.
  EXPECT_TRUE(m.Matches(Article({"Pakistan Reader", "Africa Weekly"}, "x")));
}

TEST(MatcherTest, TagsAloneRestrictSources) {
  Subscriber s;
  s.tags = {"south-asia"};
  Matcher m(s, kTags);
  EXPECT_TRUE(m.Matches(Article({"Pakistan Reader"}, "x")));
  EXPECT_FALSE(m.Matches(Article({"Europe Monitor"}, "x")));
  EXPECT_FALSE(m.Matches(Article({"Not Configured"}, "x")));
}

TEST(MatcherTest, SourceNamesAreExact) {
  Subscriber s;
  s.sources = {"Pakistan Reader"};
  Matcher m(s, kTags);
  EXPECT_FALSE(m.Matches(Article({"pakistan reader"}, "x")));
}

struct KeywordCase {
  const char* keyword;
  const char* text;
  bool matches;
};

class KeywordTest : public ::testing::TestWithParam<KeywordCase> {};

TEST_P(KeywordTest, MatchesWholeWordsCaseInsensitively) {
  Subscriber s;
  s.keywords = {GetParam().keyword};
  Matcher m(s, kTags);
  EXPECT_EQ(m.MatchesKeywords(GetParam().text, ""), GetParam().matches)
      << GetParam().keyword << " in " << GetParam().text;
  // The summary counts as much as the title.
  EXPECT_EQ(m.MatchesKeywords("", GetParam().text), GetParam().matches);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, KeywordTest,
    ::testing::Values(
        KeywordCase{"SCO", "The SCO, summit", true}, KeywordCase{"SCO", "SCOTUS rules", false},
        KeywordCase{"sco", "At the SCO.", true},
        KeywordCase{"Russia", "Deepening Pakistan-Russia ties", true},
        KeywordCase{"Russia", "Russian oil", false}, KeywordCase{"Russia", "(RUSSIA)", true},
        KeywordCase{"Pakistan Russia", "Deepening Pakistan-Russia ties", true},
        KeywordCase{"Pakistan  Russia", "Pakistan and Russia", false},
        KeywordCase{"Russia ties", "Russia's ties", false},
        KeywordCase{"Modi", "Modi’s visit", true},  // U+2019 is punctuation
        KeywordCase{"Putin", "“Putin” — again", true}, KeywordCase{"ümit", "ÜMIT said", true},
        KeywordCase{"москва", "МОСКВА и Пекин", true},
        KeywordCase{"Köln", "Flooding in Köln today", true},
        KeywordCase{"Köln", "Kölner Dom", false},
        KeywordCase{"Ko", "Köln", false},  // non-ASCII bytes are word bytes
        KeywordCase{"G20", "the G20 summit", true}, KeywordCase{"G20", "the G200 summit", false},
        KeywordCase{"Iran", "", false}));

TEST(MatcherTest, AnyKeywordSufficesAndSourcesStillApply) {
  Subscriber s;
  s.sources = {"Pakistan Reader"};
  s.keywords = {"Russia", "SCO"};
  Matcher m(s, kTags);
  EXPECT_TRUE(m.Matches(Article({"Pakistan Reader"}, "SCO meets")));
  EXPECT_TRUE(m.Matches(Article({"Pakistan Reader"}, "Ties", "Russia and Pakistan")));
  EXPECT_FALSE(m.Matches(Article({"Pakistan Reader"}, "Cricket")));
  EXPECT_FALSE(m.Matches(Article({"Africa Weekly"}, "Russia in Africa")));
}

TEST(MatcherTest, SplitsWordsOnAsciiPunctuationOnly) {
  EXPECT_EQ(SplitWords("Pakistan-Russia ties, 2021!"),
            (std::vector<std::string>{"pakistan", "russia", "ties", "2021"}));
  EXPECT_EQ(SplitWords("Ümit's"), (std::vector<std::string>{"ümit", "s"}));
  EXPECT_EQ(SplitWords("a\xff\xfe"
                       "b c"),
            (std::vector<std::string>{"a\xff\xfe"
                                      "b",
                                      "c"}));
  EXPECT_TRUE(SplitWords(" .,;!? ").empty());
}

}  // namespace
}  // namespace gpalert
