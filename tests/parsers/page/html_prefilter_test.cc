#include "parsers/page/html_prefilter.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

TEST(HtmlPrefilterTest, DropsScriptStyleAndCommentBodies) {
  PrefilteredHtml p = PrefilterHtml(
      "<p>a</p><script>if (a < b) { document.write('<p>x</p>'); }</script>"
      "<style>p > a { color: red }</style><!-- <p>hidden</p> --><p>b</p>");
  EXPECT_EQ(p.html, "<p>a</p><p>b</p>");
}

TEST(HtmlPrefilterTest, KeepsJsonLdAside) {
  PrefilteredHtml p = PrefilterHtml(
      "<script type=\"application/ld+json\">{\"@type\": \"Article\"}</script><p>x</p>");
  ASSERT_EQ(p.json_ld.size(), 1u);
  EXPECT_EQ(p.json_ld[0], "{\"@type\": \"Article\"}");
  EXPECT_EQ(p.html, "<p>x</p>");
}

TEST(HtmlPrefilterTest, KeepsTitleTextWithAngleBrackets) {
  PrefilteredHtml p = PrefilterHtml("<title>a <b> c</title><p>x</p>");
  EXPECT_EQ(p.html, "<title>a <b> c</title><p>x</p>");
}

TEST(HtmlPrefilterTest, QuotedAttributeValuesMayHoldAngleBrackets) {
  PrefilteredHtml p = PrefilterHtml("<a title=\"a > b\" href=x>link</a>");
  EXPECT_EQ(p.html, "<a title=\"a > b\" href=x>link</a>");
}

TEST(HtmlPrefilterTest, SiblingParagraphsAndListItemsDoNotCountAsNesting) {
  PrefilterOptions o;
  o.max_depth = 10;
  std::string page;
  for (int i = 0; i < 100; ++i) page += "<p>para<li>item";
  PrefilteredHtml p = PrefilterHtml("<ul>" + page, o);
  EXPECT_EQ(p.dropped_tags, 0u);
}

TEST(HtmlPrefilterTest, CountsWhatTheCapsDropped) {
  PrefilterOptions o;
  o.max_depth = 3;
  o.max_attributes = 2;
  o.drop_unused_attributes = false;
  PrefilteredHtml p = PrefilterHtml("<div><div><div><div><div a=1 b=2 c=3>x", o);
  EXPECT_EQ(p.dropped_tags, 2u);
  EXPECT_EQ(p.html, "<div><div><div>x");
  PrefilteredHtml q = PrefilterHtml("<p a=1 b=2 c=3 d=4>x", o);
  EXPECT_EQ(q.dropped_attributes, 2u);
  EXPECT_EQ(q.html, "<p a=1 b=2>x");
}

TEST(HtmlPrefilterTest, DropsAttributesNoParserReads) {
  PrefilteredHtml p = PrefilterHtml(
      "<div data-props='{\"a\": \"<b>\"}' class=\"post\" onclick=\"go()\" id=main>"
      "<img srcset=\"a.png 2x\" src=a.png alt=\"A\"/><a href=\"/x\" data-track=1>x</a></div>");
  EXPECT_EQ(p.html,
            "<div class=\"post\" id=main><img src=a.png alt=\"A\"/><a href=\"/x\">x</a></div>");
}

}  // namespace
}  // namespace gpalert
