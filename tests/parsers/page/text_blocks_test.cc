// Leaf blocks and runs of a subtree, in document order, and the page's block counts.
#include "parsers/page/text_blocks.h"

#include <gtest/gtest.h>

#include "parsers/page/dom_text.h"
#include "tests/parsers/page/page_fixture.h"

namespace gpalert {
namespace {

HtmlDocument Parse(std::string_view html) {
  Result<HtmlDocument> doc = HtmlDocument::Parse(html);
  EXPECT_TRUE(doc.ok());
  return std::move(doc).value();
}

TEST(TextBlocksTest, ReadsLeafBlocksAndLooseRunsInDocumentOrder) {
  HtmlDocument doc = Parse(
      "<body><div>Von: <a href=/a>Anna</a><p>Erster <b>Absatz</b>.</p>11:38<br>Kategorie: "
      "<a href=/n>News</a><ul><li>Eins</li><li><a href=/z>Zwei</a></li></ul></div></body>");
  std::vector<TextBlock> blocks = LeafBlocks(doc, doc.body());
  ASSERT_EQ(blocks.size(), 5u);
  EXPECT_EQ(blocks[0].text, "Von: Anna");
  EXPECT_TRUE(blocks[0].run);
  EXPECT_DOUBLE_EQ(blocks[0].link_density, 0.5);  // "Von:" and "Anna"
  EXPECT_EQ(blocks[1].text, "Erster Absatz.");
  EXPECT_FALSE(blocks[1].run);
  EXPECT_EQ(blocks[2].text, "11:38 Kategorie: News");
  EXPECT_EQ(blocks[3].text, "Eins");
  EXPECT_EQ(blocks[4].text, "Zwei");
  EXPECT_DOUBLE_EQ(blocks[4].link_density, 1.0);

  UnlinkBlock(&doc, blocks[2]);
  UnlinkBlock(&doc, blocks[0]);
  EXPECT_EQ(InnerText(doc, doc.body()), "Erster Absatz.EinsZwei");
}

TEST(TextBlocksTest, CountsShortBlockTextsOverThePage) {
  HtmlDocument doc = Parse(
      "<body><p><a href=/x>Ferry timetable changes</a></p><div><p>Ferry timetable changes</p>"
      "</div><p>Once</p></body>");
  BlockCounts counts = BlockCounts::Count(doc);
  EXPECT_EQ(counts.Occurrences("Ferry timetable changes"), 2u);
  EXPECT_EQ(counts.Occurrences("Once"), 1u);
  EXPECT_EQ(counts.Occurrences("Never"), 0u);
}

TEST(TextBlocksTest, WalksDeepNestingWithoutRecursion) {
  std::string html = "<body>" + testing::Repeat("<div>", 200) + "<p>deep</p>" +
                     testing::Repeat("</div>", 200) + "</body>";
  HtmlDocument doc = Parse(html);
  std::vector<TextBlock> blocks = LeafBlocks(doc, doc.body());
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].text, "deep");
}

}  // namespace
}  // namespace gpalert
