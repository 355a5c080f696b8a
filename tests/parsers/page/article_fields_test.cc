#include "parsers/page/article_fields.h"

#include <gtest/gtest.h>

#include "parsers/page/dom_text.h"

namespace gpalert {
namespace {

struct BylineCase {
  const char* raw;
  const char* clean;
};

class CleanBylineTest : public ::testing::TestWithParam<BylineCase> {};

TEST_P(CleanBylineTest, KeepsTheNameOnly) {
  EXPECT_EQ(CleanByline(GetParam().raw), GetParam().clean);
}

INSTANTIATE_TEST_SUITE_P(
    Bylines, CleanBylineTest,
    ::testing::Values(BylineCase{"Abigail Miriam Fernandez", "Abigail Miriam Fernandez"},
                      BylineCase{"Sarah Archer 1:39 PM ET", "Sarah Archer"},
                      BylineCase{"By Joshua Sokol May 20, 2019", "Joshua Sokol"},
                      BylineCase{"Par Jean Dupont", "Jean Dupont"},
                      BylineCase{"Autor: Jan Kowalski", "Jan Kowalski"},
                      BylineCase{"Von der Leyen", "Von der Leyen"}, BylineCase{"By", ""},
                      BylineCase{"James Akinaka \xE2\x80\xA2 8h", "James Akinaka"},
                      BylineCase{"Hoimi Mukherjee | Assistant Professor", "Hoimi Mukherjee"},
                      BylineCase{"  Jane   Doe, 6 December 2021 ", "Jane Doe"},
                      BylineCase{"April 28, 2019 at 6:01 am Updated April 29", ""},
                      BylineCase{"Last Updated: January 7, 2025", ""}));

Result<HtmlDocument> Parse(const std::string& html) { return HtmlDocument::Parse(html); }

TEST(ReadVisibleFieldsTest, ReadsTheHeaderZoneUnderTheHeadline) {
  Result<HtmlDocument> doc = Parse(
      "<body><div class=nav>Home</div><h1>Title of the piece</h1>"
      "<p>By Jane Doe and John Roe | Staff</p><p class=dateline>Updated 6 December 2021</p>"
      "<p class=dek>A summary sentence that stands above the body text.</p>"
      "<p>" +
      std::string(300, 'x') + "</p><p>March 2024 | CWA # 1251</p></body>");
  ASSERT_TRUE(doc.ok());
  VisibleFields f = ReadVisibleFields(doc.value(), "Title of the piece");
  EXPECT_EQ(f.byline, "Jane Doe and John Roe");
  ASSERT_TRUE(f.published);
  EXPECT_EQ(FormatRfc3339(*f.published), "2021-12-06T00:00:00Z");
  EXPECT_EQ(f.standfirst, "A summary sentence that stands above the body text.");
}

TEST(ReadVisibleFieldsTest, AnAuthorLinkUnderTheHeadlineIsTheByline) {
  Result<HtmlDocument> doc = Parse(
      "<body><header class=entry-header><h1>Issue 85</h1><div class=entry-info><address>"
      "<a href=/author/mc rel=author>Mike Conley</a></address></div></header></body>");
  EXPECT_EQ(ReadVisibleFields(doc.value(), "Issue 85").byline, "Mike Conley");
}

TEST(ReadVisibleFieldsTest, TimeElementWinsAndDatesAfterTheBodyDoNotCount) {
  Result<HtmlDocument> doc = Parse("<body><h1>Headline</h1><p>" + std::string(300, 'x') +
                                   "</p><p>3 March 2020</p><footer><time "
                                   "datetime=\"2019-05-04T10:00:00+02:00\">May 4</time></footer>");
  VisibleFields f = ReadVisibleFields(doc.value(), "Headline");
  ASSERT_TRUE(f.published);
  EXPECT_EQ(FormatRfc3339(*f.published), "2019-05-04T08:00:00Z");
  Result<HtmlDocument> doc2 =
      Parse("<body><h1>Headline</h1><p>" + std::string(300, 'x') + "</p><p>3 March 2020</p>");
  EXPECT_FALSE(ReadVisibleFields(doc2.value(), "Headline").published);
}

std::vector<std::string> References(const std::string& html) {
  Result<HtmlDocument> doc = Parse(html);
  return FindReferences(doc.value(), doc->body());
}

TEST(FindReferencesTest, ReadsTheListAfterAReferencesHeading) {
  auto refs = References(
      "<p>Body.</p><h3>References:</h3><ol><li>One, \xE2\x80\x9C"
      "A\xE2\x80\x9D, 2021</li>"
      "<li>Two</li></ol><p>Not a reference</p>");
  ASSERT_EQ(refs.size(), 2u);
  EXPECT_EQ(refs[1], "Two");
}

TEST(FindReferencesTest, ReadsParagraphsUnderANotesHeadingUntilTheNextHeading) {
  auto refs = References(
      "<p>Body.</p><p><strong>Notes</strong></p><p>[1] First note.</p>"
      "<p>[2] Second note.</p><h2>About the author</h2><p>Bio</p>");
  ASSERT_EQ(refs.size(), 2u);
  EXPECT_EQ(refs[0], "[1] First note.");
}

TEST(FindReferencesTest, ATrailingListOfCitationsCountsWithoutAHeading) {
  EXPECT_EQ(
      References(
          "<p>Body.</p><ul><li>Syed, \xE2\x80\x9CTalks,\xE2\x80\x9D Dawn, 2 December 2021</li>"
          "<li>Khan, \xE2\x80\x9C"
          "Call,\xE2\x80\x9D Dawn, 14 September 2021</li></ul>")
          .size(),
      2u);
  EXPECT_TRUE(References("<p>Body.</p><ul><li>Apples</li><li>Pears</li></ul>").empty());
}

TEST(FirstSentencesTest, CutsAtASentenceEndWithinTheLimit) {
  EXPECT_EQ(FirstSentences("One two. Three four five six. Seven.\n\nNext paragraph.", 20),
            "One two.");
  EXPECT_EQ(FirstSentences("Short one.\n\nSecond paragraph here.", 300), "Short one.");
  EXPECT_EQ(FirstSentences("no sentence end at all in this long run of words", 20),
            "no sentence end at\xE2\x80\xA6");
}

TEST(DropTrailingBoilerplateTest, RemovesPublishedInNotesAndActionLines) {
  Result<HtmlDocument> doc = Parse(
      "<body><div id=a><p>Real paragraph of the article.</p><p>*Note: first published in X</p>"
      "<div>Print Bookmark</div></div></body>");
  HtmlDocument& d = doc.value();
  DropTrailingBoilerplate(&d, d.body());
  EXPECT_EQ(RenderText(d, d.body()), "Real paragraph of the article.");
}

TEST(AbsolutizeLinksTest, ResolvesHrefAndSrcAndUnwrapsJavascriptLinks) {
  Result<HtmlDocument> doc = Parse(
      "<body><a href=\"../b?x=1\">b</a><img src=\"/i.png\"><a href=\"javascript:print()\">Print</a>"
      "<a href=\"#top\">top</a></body>");
  HtmlDocument& d = doc.value();
  AbsolutizeLinks(&d, d.body(), "https://example.org/a/c/page.php?id=2");
  EXPECT_EQ(RenderHtml(d, d.body(), false),
            "<a href=\"https://example.org/a/b?x=1\">b</a><img src=\"https://example.org/i.png\">"
            "Print<a href=\"#top\">top</a>");
}

}  // namespace
}  // namespace gpalert
