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

// Issue 9: formatting elements left open before blocks are re-opened (cloned) by Gumbo
// at every block, so N of them before N paragraphs built N^2 nodes.
TEST(HtmlPrefilterTest, CapsUnclosedFormattingElementsAndDropsTheirEndTags) {
  PrefilterOptions o;
  o.max_formatting = 2;
  PrefilteredHtml p = PrefilterHtml("<b id=1>a<i id=2>b<u id=3>c</u>d</i>e</b>", o);
  EXPECT_EQ(p.html, "<b id=1>a<i id=2>bcd</i>e</b>");
  EXPECT_EQ(p.dropped_tags, 1u);
}

TEST(HtmlPrefilterTest, ClosedFormattingElementsDoNotCountAgainstTheCap) {
  PrefilterOptions o;
  o.max_formatting = 1;
  std::string page;
  for (int i = 0; i < 50; ++i) page += "<p><b>bold</b> and <em>stressed</em></p>";
  PrefilteredHtml p = PrefilterHtml(page, o);
  EXPECT_EQ(p.html, page);
  EXPECT_EQ(p.dropped_tags, 0u);
}

TEST(HtmlPrefilterTest, ANewLinkEndsAnUnclosedOne) {
  PrefilterOptions o;
  o.max_formatting = 1;
  std::string page;
  for (int i = 0; i < 20; ++i) page += "<li><a href=/" + std::to_string(i) + ">item";
  PrefilteredHtml p = PrefilterHtml(page, o);
  EXPECT_EQ(p.html, page);
}

TEST(HtmlPrefilterTest, PastTheReconstructionBudgetUnclosedFormattingIsClosedBeforeEachTag) {
  PrefilterOptions o;
  o.max_reconstruction = 3;
  PrefilteredHtml p = PrefilterHtml("<b id=1><p>1<p>2<p>3<p>4<b id=2><p>5</b>", o);
  // Three <p> re-open the <b>; the fourth closes it first; the second <b> is closed at the
  // next <p>, and its own end tag is dropped.
  EXPECT_EQ(p.html, "<b id=1><p>1<p>2<p>3</b><p>4<b id=2></b><p>5");
}

TEST(HtmlPrefilterTest, CapsTableNesting) {
  PrefilterOptions o;
  o.max_table_depth = 2;
  PrefilteredHtml p =
      PrefilterHtml("<table><tr><td><table><tr><td><table><tr><td>x</table></table></table>", o);
  EXPECT_EQ(p.html, "<table><tr><td><table><tr><td><tr><td>x</table></table>");
  EXPECT_EQ(p.dropped_tags, 1u);
}

TEST(HtmlPrefilterTest, DropsAttributesWithOverlongValues) {
  PrefilterOptions o;
  o.max_attribute_value = 8;
  PrefilteredHtml p = PrefilterHtml("<a href=\"/0123456789\" title=ok>x</a>", o);
  EXPECT_EQ(p.html, "<a title=ok>x</a>");
  EXPECT_EQ(p.dropped_long_values, 1u);
  EXPECT_EQ(p.dropped_attributes, 0u);
}

}  // namespace
}  // namespace gpalert
