// ExtractTrace and ExplainExtraction over fixture pages: every block of the page is
// listed as kept or dropped with the rule that decided, and tracing changes nothing of
// the extraction itself.
#include "parsers/page/extract_trace.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "parsers/page/extract_article.h"
#include "tests/parsers/page/page_fixture.h"

namespace gpalert {
namespace {

using testing::ReadPage;

std::string Explain(const std::string& html, Article* article = nullptr) {
  ExtractTrace trace;
  ExtractOptions options;
  options.url = "https://example.org/story";
  options.trace = &trace;
  Result<Article> a = ExtractArticle(html, options);
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  if (article && a.ok()) *article = *a;
  return ExplainExtraction(trace);
}

// The explanation's line for the block whose text starts with `text`.
std::string LineOf(const std::string& explanation, const std::string& text) {
  size_t at = explanation.find("\"" + text, explanation.find("blocks of the page"));
  if (at == std::string::npos) return "";
  size_t start = explanation.rfind('\n', at) + 1;
  return explanation.substr(start, explanation.find('\n', at) - start);
}

TEST(ExplainExtractionTest, NamesTheRuleThatDroppedEachBoxOfABlogPage) {
  std::string e = Explain(ReadPage("blog_comments.html"));
  EXPECT_NE(e.find("container: <div class=\"entry-content\">"), std::string::npos) << e;
  EXPECT_NE(e.find("candidates, best first"), std::string::npos) << e;
  std::string kept = LineOf(e, "I spent four days in Gwadar");
  EXPECT_EQ(kept.rfind("  KEPT", 0), 0u) << kept;
  EXPECT_NE(kept.find("links 0.00"), std::string::npos) << kept;
  EXPECT_NE(kept.find("- in the container"), std::string::npos) << kept;
  std::string comments = LineOf(e, "3 thoughts on");
  EXPECT_EQ(comments.rfind("  DROPPED", 0), 0u) << comments;
  EXPECT_NE(comments.find("<div id=\"comments\" class=\"comments-area\">"), std::string::npos);
  EXPECT_NE(comments.find("scan: unlikely class/id \"comments-area comments\""), std::string::npos)
      << comments;
  EXPECT_NE(comments.find("and 7 more block(s)"), std::string::npos) << "one line per box";
  EXPECT_NE(LineOf(e, "Share this:").find("outside the chosen container"), std::string::npos) << e;
  EXPECT_NE(LineOf(e, "Notes from a field trip").find("the headline"), std::string::npos) << e;
}

TEST(ExplainExtractionTest, NamesTheChromePhraseClassAndThePrunerRule) {
  std::string e = Explain(ReadPage("chrome_related.html"));
  EXPECT_NE(LineOf(e, "Lesen Sie auch")
                .find("chrome pruner: opens with a lead-in of chrome "
                      "phrase class \"related\""),
            std::string::npos)
      << e;
  EXPECT_NE(LineOf(e, "Mehr zum Thema").find("near the end: it and all after it go"),
            std::string::npos)
      << e;
  EXPECT_NE(LineOf(e, "Radweg an der").find("a teaser under the section label"), std::string::npos)
      << e;
}

TEST(ExplainExtractionTest, AShareBarKeptInTheArticleShowsAsKeptAndOneDroppedNamesItsRule) {
  std::string paragraphs;
  for (int i = 0; i < 5; ++i)
    paragraphs +=
        "<p>The council approved the new cycle lanes on Tuesday after months of debate, and "
        "work on the first of the three routes is due to begin in the spring.</p>";
  std::string kept_bar = "<p class=tools><a href=/a>Facebook</a> <a href=/b>Telegram</a></p>";
  std::string page = "<html><head><title>Lanes</title></head><body><article>" + paragraphs +
                     "<div class=\"share-buttons\"><a href=/s>Share on Facebook</a></div>" +
                     kept_bar + paragraphs + "</article></body></html>";
  std::string e = Explain(page);
  std::string share = LineOf(e, "Share on Facebook");
  EXPECT_EQ(share.rfind("  DROPPED", 0), 0u) << e;
  EXPECT_NE(share.find("<div class=\"share-buttons\">"), std::string::npos) << share;
  EXPECT_NE(share.find("share"), std::string::npos) << share;
  std::string bar = LineOf(e, "Facebook Telegram");
  ASSERT_FALSE(bar.empty()) << e;
  if (bar.rfind("  KEPT", 0) == 0) {
    EXPECT_NE(bar.find("links 1.00"), std::string::npos) << bar;
  } else {
    EXPECT_NE(bar.find(" - "), std::string::npos) << bar;
  }
}

TEST(ExplainExtractionTest, TracingChangesNothingOfTheExtraction) {
  for (const char* name : {"pakistan_reader.html", "blog_comments.html", "chrome_related.html",
                           "news_jsonld.html", "chrome_gallery.html"}) {
    std::string html = ReadPage(name);
    Article traced;
    Explain(html, &traced);
    ExtractOptions options;
    options.url = "https://example.org/story";
    Result<Article> plain = ExtractArticle(html, options);
    ASSERT_TRUE(plain.ok());
    EXPECT_EQ(traced.text, plain->text) << name;
    EXPECT_EQ(traced.html, plain->html) << name;
    EXPECT_EQ(traced.byline, plain->byline) << name;
  }
}

TEST(ExplainExtractionTest, ListsEveryBlockOfThePageOnce) {
  std::string e = Explain(ReadPage("pakistan_reader.html"));
  EXPECT_EQ(LineOf(e, "On 1 December, Pakistan and Russian").rfind("  KEPT", 0), 0u) << e;
  EXPECT_NE(LineOf(e, "Pakistan Reader\"").find("a short label just above the headline"),
            std::string::npos)
      << e;
  EXPECT_EQ(e.find("no rule recorded"), std::string::npos) << e;
  // Every block appears: a line each, or folded into its box's line.
  std::size_t lines = 0, folded = 0;
  for (std::size_t at = e.find("blocks of the page");
       (at = e.find('\n', at + 1)) != std::string::npos;) {
    if (e.compare(at + 1, 6, "  KEPT") == 0 || e.compare(at + 1, 9, "  DROPPED") == 0) ++lines;
  }
  for (std::size_t at = 0; (at = e.find(" and ", at)) != std::string::npos; ++at) {
    std::size_t n = 0;
    if (std::sscanf(e.c_str() + at, " and %zu more block(s)", &n) == 1) folded += n;
  }
  EXPECT_GT(lines, 20u) << e;
  EXPECT_GT(lines + folded, lines);
}

TEST(ExplainExtractionTest, AnUntracedOrEmptyPageSaysSo) {
  EXPECT_EQ(ExplainExtraction(ExtractTrace{}), "no page was parsed\n");
  std::string e = Explain("<html><body></body></html>");
  EXPECT_NE(e.find("no candidate stood out: the whole <body>"), std::string::npos) << e;
  EXPECT_EQ(e.find("KEPT"), std::string::npos) << e;
}

}  // namespace
}  // namespace gpalert
