#include "parsers/page/metadata.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

PageMetadata Read(const std::string& html) {
  Result<HtmlDocument> doc = HtmlDocument::Parse(html);
  EXPECT_TRUE(doc.ok());
  return ReadPageMetadata(doc.value());
}

std::string Title(const std::string& html) {
  Result<HtmlDocument> doc = HtmlDocument::Parse(html);
  return CleanDocumentTitle(doc.value());
}

TEST(CleanDocumentTitleTest, DropsTheSiteSuffixWhenAHeadingShowsTheHeadline) {
  EXPECT_EQ(Title("<title>Deepening Pakistan-Russia ties | Pakistan Reader | NIAS</title>"
                  "<h1>Deepening Pakistan-Russia ties</h1>"),
            "Deepening Pakistan-Russia ties");
}

TEST(CleanDocumentTitleTest, DropsTheLastPartAfterASeparator) {
  EXPECT_EQ(Title("<title>Floods displace thousands across the province - The Courier</title>"),
            "Floods displace thousands across the province");
  EXPECT_EQ(Title("<title>The Courier: Floods displace thousands across the province</title>"),
            "Floods displace thousands across the province");
}

TEST(CleanDocumentTitleTest, KeepsShortTitlesWhole) {
  EXPECT_EQ(Title("<title>Mozilla - Wikipedia</title><h1>Mozilla</h1>"), "Mozilla - Wikipedia");
}

TEST(ReadPageMetadataTest, JsonLdComesBeforeMetaTags) {
  PageMetadata m = Read(
      "<head><meta property=\"og:title\" content=\"OG title\"><meta name=author content=\"Meta "
      "Author\">"
      "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":["
      "{\"@type\":\"WebSite\",\"name\":\"Site\"},{\"@type\":\"BlogPosting\",\"headline\":\"LD "
      "title\","
      "\"author\":{\"name\":\"LD "
      "Author\"},\"datePublished\":\"2020-02-03T04:05:06Z\"}]}</script></head>");
  EXPECT_EQ(m.title, "LD title");
  EXPECT_EQ(m.byline, "LD Author");
  ASSERT_TRUE(m.published);
  EXPECT_EQ(FormatRfc3339(*m.published), "2020-02-03T04:05:06Z");
}

TEST(ReadPageMetadataTest, FallsBackThroughMetaTagsInOrderOfTrust) {
  PageMetadata m = Read(
      "<html lang=fr><head><title>Page title here | Site</title>"
      "<meta property=\"og:title\" content=\"OG title\"><meta name=\"dc.title\" content=\"DC "
      "title\">"
      "<meta property=\"article:author\" content=\"https://example.org/staff/1\">"
      "<meta name=\"author\" content=\"Jean Dupont\">"
      "<meta property=\"article:published_time\" content=\"2021-12-02\">"
      "<meta property=\"og:site_name\" content=\"Le Site\">"
      "<meta name=description content=\"Short &amp;amp; sweet\"></head></html>");
  EXPECT_EQ(m.title, "DC title");
  EXPECT_EQ(m.byline, "Jean Dupont");
  EXPECT_EQ(FormatRfc3339(*m.published), "2021-12-02T00:00:00Z");
  EXPECT_EQ(m.site_name, "Le Site");
  EXPECT_EQ(m.excerpt, "Short & sweet");
  EXPECT_EQ(m.lang, "fr");
}

TEST(ReadPageMetadataTest, FindsThePropertyInsideLongerPropertyNames) {
  PageMetadata m = Read("<head><meta property=\"og:article:author\" content=\"BBC News\"></head>");
  EXPECT_EQ(m.byline, "BBC News");
}

TEST(ReadPageMetadataTest, BrokenJsonLdIsIgnored) {
  PageMetadata m = Read(
      "<head><title>A perfectly ordinary page title</title>"
      "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", "
      "oops</script></head>");
  EXPECT_EQ(m.title, "A perfectly ordinary page title");
  EXPECT_FALSE(m.byline);
}

}  // namespace
}  // namespace gpalert
