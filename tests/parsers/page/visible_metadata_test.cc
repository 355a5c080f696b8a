// Byline, date and lead read from small article pages (tests/data/pages/meta_*.html), one
// per way pages write them: a label and a name in separate elements or words ("By",
// "Written by", "Par", "Von", "Por", "Autor:"), and dates in English and European forms.
#include <gtest/gtest.h>

#include "parsers/page/extract_article.h"
#include "tests/parsers/page/page_fixture.h"

namespace gpalert {
namespace {

struct MetadataCase {
  const char* page;
  const char* byline;
  const char* published;  // RFC 3339
};

const MetadataCase kCases[] = {
    {"byline_by_own_element.html", "Jane Doe", "2021-12-06T00:00:00Z"},
    {"byline_written_by_element.html", "Jane Doe", "2021-12-06T00:00:00Z"},
    {"byline_par.html", "Jean Dupont", "2021-12-06T00:00:00Z"},
    {"byline_von.html", "Hans M\xC3\xBCller", "2021-12-06T00:00:00Z"},
    {"byline_por.html",
     "Mar\xC3\xAD"
     "a L\xC3\xB3pez",
     "2021-12-06T00:00:00Z"},
    {"byline_autor.html", "Jan Kowalski", "2021-12-06T00:00:00Z"},
    {"date_numeric_dotted.html", "Hans M\xC3\xBCller", "2021-12-06T00:00:00Z"},
    {"date_month_year_series.html", "Jane Doe", "2024-03-01T00:00:00Z"},
};

class VisibleMetadataTest : public ::testing::TestWithParam<MetadataCase> {};

TEST_P(VisibleMetadataTest, ReadsTheNameAloneAndTheDate) {
  const MetadataCase& c = GetParam();
  ExtractOptions options;
  options.url = "https://news.example.org/city/cycle-lanes";
  Result<Article> a = ExtractArticle(testing::ReadPage(std::string("meta_") + c.page), options);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->byline.value_or("(none)"), c.byline);
  ASSERT_TRUE(a->published) << "no date found";
  EXPECT_EQ(FormatRfc3339(*a->published), c.published);
  ASSERT_TRUE(a->text);
  EXPECT_EQ(a->text->find(c.byline), std::string::npos) << "the byline is not body text";
}

INSTANTIATE_TEST_SUITE_P(Pages, VisibleMetadataTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) {
                           std::string name = info.param.page;
                           return name.substr(0, name.find('.'));
                         });

TEST(VisibleMetadataLeadTest, TheStandfirstIsTheLeadOverTheSiteDescription) {
  Result<Article> a = ExtractArticle(
      testing::ReadPage("meta_lead_standfirst_over_description.html"), ExtractOptions{});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->lead.value_or(""),
            "The council backs the first new routes in a decade, and the work starts in spring.");
  EXPECT_EQ(a->byline.value_or(""), "Jane Doe");
}

}  // namespace
}  // namespace gpalert
