// What class and id names say an element is, and inline credits taken out.
#include "parsers/page/chrome_furniture.h"

#include <gtest/gtest.h>

#include "parsers/page/dom_text.h"

namespace gpalert {
namespace {

TEST(ChromeFurnitureTest, ReadsFurnitureFromClassAndIdNames) {
  Result<HtmlDocument> parsed = HtmlDocument::Parse(
      "<body><div class='wp-caption-text'>a</div><span class='Copyright-Note'>b</span>"
      "<div id='author-info'>c</div><footer class='entry-meta'>d</footer><p class='lead'>e</p>"
      "</body>");
  ASSERT_TRUE(parsed.ok());
  const HtmlDocument& doc = parsed.value();
  std::vector<Furniture> seen;
  for (NodeId c = doc.node(doc.body()).first_child; c != kNoNode; c = doc.node(c).next)
    seen.push_back(FurnitureOf(doc.node(c)));
  EXPECT_EQ(seen, (std::vector<Furniture>{Furniture::kCaption, Furniture::kCredit,
                                          Furniture::kAuthor, Furniture::kMeta, Furniture::kNone}));
  EXPECT_GT(FurnitureLimit(Furniture::kAuthor), FurnitureLimit(Furniture::kCaption));
}

TEST(ChromeFurnitureTest, DropsShortInlineCreditsOnly) {
  Result<HtmlDocument> parsed = HtmlDocument::Parse(
      "<body><p>Taucher an den Pfeilern. <span class=credit>Foto: Archiv</span></p>"
      "<p class=credit>Ein Absatz mit Namen bleibt.</p></body>");
  ASSERT_TRUE(parsed.ok());
  HtmlDocument& doc = parsed.value();
  DropInlineCredits(&doc, doc.body());
  EXPECT_EQ(InnerText(doc, doc.body()), "Taucher an den Pfeilern. Ein Absatz mit Namen bleibt.");
}

}  // namespace
}  // namespace gpalert
