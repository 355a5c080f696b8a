// End-to-end extraction of the fixture pages: the seed page rebuilt with CMS chrome,
// a news page with JSON-LD and inline boxes, a blog post with comments.
#include <gtest/gtest.h>

#include "parsers/page/extract_article.h"
#include "tests/parsers/page/page_fixture.h"

namespace gpalert {
namespace {

using testing::ReadPage;

Article Extract(const std::string& page, const std::string& url = "") {
  ExtractOptions options;
  options.url = url;
  Result<Article> a = ExtractArticle(ReadPage(page), options);
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  return a.ok() ? a.value() : Article{};
}

bool Has(const std::optional<std::string>& text, const std::string& needle) {
  return text && text->find(needle) != std::string::npos;
}

class SeedPageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    article_ =
        Extract("pakistan_reader.html",
                "https://www.example.org/view_articles.php?url=Pakistan-Reader&recordNo=1251");
  }
  Article article_;
};

TEST_F(SeedPageTest, FindsTitleWithoutTheSiteSuffix) {
  EXPECT_EQ(article_.title, "Deepening Pakistan-Russia ties");
}

TEST_F(SeedPageTest, FindsBylineDateAndStandfirst) {
  EXPECT_EQ(article_.byline, "Abigail Miriam Fernandez");
  ASSERT_TRUE(article_.published);
  EXPECT_EQ(FormatRfc3339(*article_.published), "2021-12-06T00:00:00Z");
  EXPECT_EQ(article_.lead,
            "The recent NSA level talks highlight the growing convergence in Pak-Russia relations");
  EXPECT_EQ(article_.lang, "en");
}

TEST_F(SeedPageTest, KeepsEveryBodyParagraphAndSubheading) {
  const char* kParagraphStarts[] = {
      "On 1 December, Pakistan and Russian national security advisers met in Moscow",
      "The NSD also stated that the delegations",
      "The recent warming of ties",
      "In the recent past, Pak-Russia relations has witnessed proactive engagement",
      "Later in September, Pakistan and Russia agreed to strengthen",
      "Reasons for the warming up of ties",
      "The deepening of ties between Pakistan and Russia is no surprise",
      "First, Afghanistan as a point of convergence.",
      "Second, China as a drawing force.",
      "Third, technological component.",
      "Despite this new closeness Pakistan and Russia have a long way to go",
  };
  for (const char* p : kParagraphStarts) EXPECT_TRUE(Has(article_.text, p)) << p;
  // Paragraphs are separated by blank lines.
  EXPECT_TRUE(Has(article_.text, "defence ministries.\n\nThe NSD also stated"));
}

TEST_F(SeedPageTest, DropsAllThePageChrome) {
  const char* kChrome[] = {
      "Photo Source",
      "NIAS Course on Global Politics",
      "Indian Institute of Science Campus",
      "subscribe to GP alerts",
      "Print",
      "Bookmark",
      "CWA #",
      "Africa This Week",
      "Other Commentaries",
      "Chile in 2023",
      "first published in",
      "All rights reserved",
      "Home",
      "About NIAS",
      "cookies",
      "Sitemap",
      "Europe Reader",
  };
  for (const char* c : kChrome) {
    EXPECT_FALSE(Has(article_.text, c)) << c;
    EXPECT_FALSE(Has(article_.html, c)) << c;
  }
}

TEST_F(SeedPageTest, ListsTheFourReferences) {
  ASSERT_EQ(article_.references.size(), 4u);
  EXPECT_EQ(
      article_.references[0].rfind("Baqir Sajjad Syed, \xE2\x80\x9CPakistan, Russia discuss", 0),
      0u);
  EXPECT_NE(article_.references[1].find("14 September 2021"), std::string::npos);
  EXPECT_NE(article_.references[2].find("30 September 2021"), std::string::npos);
  EXPECT_NE(article_.references[3].find("21 April 2021"), std::string::npos);
}

TEST_F(SeedPageTest, HtmlIsCleanedAndLinksAreAbsolute) {
  ASSERT_TRUE(article_.html);
  EXPECT_FALSE(Has(article_.html, "style="));
  EXPECT_FALSE(Has(article_.html, "javascript:"));
  EXPECT_FALSE(Has(article_.html, "<script"));
  EXPECT_TRUE(Has(article_.html, "<h4>"));
}

TEST(NewsPageTest, ReadsJsonLdMetadataAndDropsInlineBoxes) {
  Article a = Extract("news_jsonld.html");
  EXPECT_EQ(a.title, "Monsoon floods displace thousands in Sindh");
  EXPECT_EQ(a.byline, "Sara Qureshi, Imran Baig");
  ASSERT_TRUE(a.published);
  EXPECT_EQ(FormatRfc3339(*a.published), "2023-08-14T04:30:00Z");  // +05:00 in the page
  EXPECT_EQ(a.site_name, "The Daily Courier");
  EXPECT_EQ(a.lead, "Relief camps fill up as the Indus rises for a third week.");
  EXPECT_EQ(a.url, "https://courier.example.com/world/2023/08/14/monsoon-floods-sindh");
  EXPECT_TRUE(Has(a.text, "Floodwaters from the swollen Indus river"));
  EXPECT_TRUE(Has(a.text, "Camps at capacity"));
  EXPECT_TRUE(Has(a.text, "The next seventy-two hours are critical"));
  // windows-1252 bytes (the en dashes) decoded.
  EXPECT_TRUE(Has(a.text, "vegetables \xE2\x80\x93 onions above all"));
  EXPECT_TRUE(Has(a.text, "Caf\xC3\xA9 owners"));
  for (const char* chrome :
       {"Read more", "Indus barrage gates opened", "morning briefing", "Share on Twitter",
        "Most read", "Cricket board", "Search", "All rights reserved"})
    EXPECT_FALSE(Has(a.text, chrome)) << chrome;
}

TEST(BlogPageTest, DropsCommentsShareButtonsAndSidebar) {
  Article a = Extract("blog_comments.html");
  EXPECT_EQ(a.title, "Notes from a field trip to Gwadar");
  EXPECT_EQ(a.byline, "Hina Malik");
  ASSERT_TRUE(a.published);
  EXPECT_EQ(FormatRfc3339(*a.published), "2022-03-09T18:00:00Z");
  EXPECT_TRUE(Has(a.text, "I spent four days in Gwadar last month"));
  EXPECT_TRUE(Has(a.text, "Reservoir levels: below ten per cent of capacity\nPrice of a drum"));
  EXPECT_TRUE(Has(a.text, "I will write more about the harbour"));
  for (const char* chrome : {"thoughts on", "desalination plant", "Leave a Reply", "Share this",
                             "Recent posts", "Powered by", "Archive", "Tags:"})
    EXPECT_FALSE(Has(a.text, chrome)) << chrome;
  EXPECT_TRUE(a.lead && a.lead->rfind("I spent four days in Gwadar", 0) == 0);
}

TEST(ExtractArticleTest, DropsTheSeriesLabelAndDateLineAroundTheHeadline) {
  std::string body;
  for (int i = 0; i < 6; ++i)
    body +=
        "<p>The ceasefire announced in November lapses this week, and talks mediated by "
        "neighbours have not produced a settlement, officials said on Thursday.</p>";
  std::string page =
      "<html><head><title>The TTP ceasefire ends | Pakistan Reader</title></head><body>"
      "<div id=content><p class=series>Pakistan Reader</p><h1>The TTP ceasefire ends</h1>"
      "<p class=author>Sneha Bhatia</p><p>2 December 2021</p>" +
      body + "</div></body></html>";
  Result<Article> a = ExtractArticle(page, ExtractOptions{});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->title, "The TTP ceasefire ends");
  EXPECT_EQ(a->byline, "Sneha Bhatia");
  EXPECT_EQ(FormatRfc3339(*a->published), "2021-12-02T00:00:00Z");
  ASSERT_TRUE(a->text);
  EXPECT_EQ(a->text->rfind("The ceasefire announced in November", 0), 0u) << *a->text;
}

TEST(ExtractArticleTest, LeavesSoftHyphensOutOfTheText) {
  std::string body;
  for (int i = 0; i < 5; ++i)
    body +=
        "<p>Der Klima&shy;wandel ver\xC2\xADschiebt die Vegetations&shy;zonen, sagen die "
        "Forschenden, und die Land&shy;wirtschaft muss sich darauf einstellen.</p>";
  std::string page =
      "<html><head><title>Klima</title></head><body><article>" + body + "</article></body></html>";
  Result<Article> a = ExtractArticle(page, ExtractOptions{});
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(a->text);
  EXPECT_NE(a->text->find("Der Klimawandel verschiebt die Vegetationszonen"), std::string::npos)
      << *a->text;
  EXPECT_EQ(a->text->find("\xC2\xAD"), std::string::npos);
  ASSERT_TRUE(a->lead);
  EXPECT_EQ(a->lead->find("\xC2\xAD"), std::string::npos);
}

TEST(ExtractArticleTest, KeepsTheStandfirstTheBodyLeftOutAtTheHeadOfTheText) {
  Article a = Extract("standfirst_outside_body.html");
  const std::string kStandfirst =
      "Der Stadtrat hat am Dienstag den Ausbau von drei Radwegen beschlossen, die Arbeiten "
      "beginnen im Fr\xC3\xBChjahr.";
  EXPECT_EQ(a.lead, kStandfirst);
  ASSERT_TRUE(a.text);
  EXPECT_EQ(a.text->rfind(kStandfirst + "\n\nNach monatelangen Beratungen", 0), 0u) << *a.text;
  EXPECT_TRUE(Has(a.html, "<p>" + kStandfirst + "</p>"));
  EXPECT_FALSE(Has(a.text, "Radstreifen bekommen"));  // the caption is no standfirst
}

TEST(ExtractArticleTest, ReadsTheStandfirstWithoutItsHiddenParts) {
  std::string body;
  for (int i = 0; i < 4; ++i)
    body +=
        "<p>The committee met for the third time this month and agreed on a timetable for the "
        "remaining hearings, members said afterwards.</p>";
  std::string page =
      "<html><head><title>Hearings</title></head><body><h1>Hearings</h1>"
      "<p><span aria-hidden=\"true\">HIDDEN</span>A short summary of what the committee decided "
      "on Tuesday.</p><div><div><article>" +
      body + "</article></div></div></body></html>";
  Result<Article> a = ExtractArticle(page, ExtractOptions{});
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(a->lead);
  EXPECT_EQ(a->lead->find("HIDDEN"), std::string::npos) << *a->lead;
  ASSERT_TRUE(a->text);
  EXPECT_EQ(a->text->find("HIDDEN"), std::string::npos) << *a->text;
}

TEST(ExtractArticleTest, ATableOfShortCellsDoesNotOutscoreTheArticle) {
  // 300 rows of names and addresses beside four paragraphs: cells without a sentence
  // are data, not article text, and do not score the table's box up.
  Article a = Extract("data_table_beside_article.html");
  ASSERT_TRUE(a.text);
  EXPECT_EQ(a.text->rfind("A coalition of chefs and charities", 0), 0u) << *a.text;
  EXPECT_NE(a.text->find("undercut farmers (4)."), std::string::npos);
  EXPECT_EQ(a.text->find("member.name150.mp@parliament.example"), std::string::npos)
      << a.text->size();
}

TEST(ExtractArticleTest, RefusesBinaryData) {
  std::string bytes;
  for (int i = 0; i < 4096; ++i) bytes += static_cast<char>((i * 7919) & 0xFF);
  Result<Article> a = ExtractArticle(bytes, ExtractOptions{});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(a.status().message().find("binary"), std::string::npos);
}

TEST(ExtractArticleTest, EmptyPageGivesNullFieldsNotAnError) {
  Result<Article> a = ExtractArticle("", ExtractOptions{});
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE(a->title);
  EXPECT_FALSE(a->text);
  EXPECT_TRUE(a->references.empty());
}

TEST(ExtractArticleTest, HonoursTheHttpCharset) {
  std::string page = "<html><head><title>Caf\xE9 society in the old town</title></head><body><p>" +
                     std::string(40, 'x') + "</p></body></html>";
  ExtractOptions options;
  options.content_type = "text/html; charset=ISO-8859-1";
  Result<Article> a = ExtractArticle(page, options);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->title, "Caf\xC3\xA9 society in the old town");
}

}  // namespace
}  // namespace gpalert
