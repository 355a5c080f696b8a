// Hostile pages (see docs/STYLE.md): each must end quickly, with bounded memory, in an
// article or a clear kInvalidArgument error, never a crash or a hang. Inputs are made
// here; speed itself is measured by bench/, not asserted.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "parsers/page/extract_article.h"
#include "parsers/page/html_document.h"
#include "parsers/page/listing.h"
#include "tests/parsers/page/page_fixture.h"

namespace gpalert {
namespace {

using testing::Repeat;

struct HostileCase {
  const char* name;
  std::string (*make)();
  bool may_fail;  // binary input is refused rather than extracted
};

const HostileCase kCases[] = {
    {"DeepDivNest",
     [] { return "<body>" + Repeat("<div>", 100000) + "deep" + Repeat("</div>", 100000); }, false},
    {"UnclosedSpans", [] { return "<body><p>" + Repeat("<span>", 20000) + "text"; }, false},
    {"MisnestedBoldParagraphRuns", [] { return "<body>" + Repeat("<b><p>x", 20000); }, false},
    {"MisnestedFormattingPile",
     [] { return "<body>" + Repeat("<b><i><u><em><a href=x><p>x</b></i>", 5000); }, false},
    {"ThirtyThousandAttributes",
     [] {
       std::string s = "<body><div";
       for (int i = 0; i < 30000; ++i) s += " a" + std::to_string(i) + "=\"v\"";
       return s + ">text</div>";
     },
     false},
    {"TwentyMegabytePage",
     [] {
       std::string para = "<p>" +
                          Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", 20) +
                          "</p>\n";
       return "<body><article>" + Repeat(para, 20 * 1024 * 1024 / para.size()) + "</article>";
     },
     false},
    {"OneMegabyteOfRandomBytes",
     [] {
       std::mt19937 rng(42);
       std::string s(1 << 20, '\0');
       for (char& c : s) c = static_cast<char>(rng() & 0xFF);
       return s;
     },
     true},
    {"UnterminatedTagAndComment",
     [] { return "<body><p>x<div class=\"" + Repeat("a", 100000) + "<!-- " + Repeat("-", 1000); },
     false},
    {"NestedTables", [] { return "<body>" + Repeat("<table><tr><td>", 20000) + "cell"; }, false},
    {"ManyTinyElements", [] { return "<body>" + Repeat("<i>a</i>", 300000); }, false},
};

class HostilePageTest : public ::testing::TestWithParam<HostileCase> {};

TEST_P(HostilePageTest, EndsInAnArticleOrAClearError) {
  std::string page = GetParam().make();
  Result<Article> a = ExtractArticle(page, ExtractOptions{});
  if (a.ok()) {
    // Values are well-formed (the text of the page survives in some form).
    SUCCEED();
  } else {
    EXPECT_TRUE(GetParam().may_fail) << a.status().ToString();
    EXPECT_EQ(a.status().code(), Status::Code::kInvalidArgument);
    EXPECT_FALSE(a.status().message().empty());
  }
}

TEST_P(HostilePageTest, ListingDiscoveryAlsoEnds) {
  ListingOptions options;
  options.url = "https://example.org/list";
  Result<Listing> listing = DiscoverListingLinks(GetParam().make(), options);
  EXPECT_TRUE(listing.ok());
}

INSTANTIATE_TEST_SUITE_P(Hostile, HostilePageTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(HtmlDocumentCapsTest, DropsTagsNestedBeyondTheDepthCapAndSaysSo) {
  HtmlParseOptions options;
  options.max_depth = 50;
  Result<HtmlDocument> doc = HtmlDocument::Parse(
      "<body>" + Repeat("<div>", 1000) + "deep" + Repeat("</div>", 1000), options);
  ASSERT_TRUE(doc.ok());
  size_t max_depth = 0;
  for (NodeId id = 0; id < static_cast<NodeId>(doc->size()); ++id) {
    size_t depth = 0;
    for (NodeId p = id; p != kNoNode; p = doc->node(p).parent) ++depth;
    max_depth = std::max(max_depth, depth);
  }
  EXPECT_LE(max_depth, 60u);
  ASSERT_FALSE(doc->warnings().empty());
  EXPECT_NE(doc->warnings()[0].find("deeper than 50"), std::string::npos);
}

TEST(HtmlDocumentCapsTest, KeepsOnlyTheFirstAttributes) {
  std::string tag = "<body><p";
  for (int i = 0; i < 100; ++i)
    tag += " data-a" + std::to_string(i) + "=\"" + std::to_string(i) + "\"";
  HtmlParseOptions options;
  options.keep_all_attributes = true;
  Result<HtmlDocument> doc = HtmlDocument::Parse(tag + " id=last>text</p>", options);
  ASSERT_TRUE(doc.ok());
  for (NodeId id = 0; id < static_cast<NodeId>(doc->size()); ++id) {
    if (doc->node(id).Is("p")) {
      EXPECT_EQ(doc->node(id).attributes.size(), 64u);
      EXPECT_EQ(doc->node(id).Attr("data-a0"), "0");
      EXPECT_FALSE(doc->node(id).HasAttr("id"));
    }
  }
}

TEST(HtmlDocumentCapsTest, CutsInputBeyondTheSizeCap) {
  HtmlParseOptions options;
  options.max_input = 1000;
  Result<HtmlDocument> doc = HtmlDocument::Parse("<body>" + Repeat("<p>para</p>", 1000), options);
  ASSERT_TRUE(doc.ok());
  EXPECT_LT(doc->size(), 400u);
  EXPECT_NE(doc->warnings()[0].find("cut at 1000 bytes"), std::string::npos);
}

// Issue 9: 4000 misnested formatting elements with distinct attributes took Gumbo 15 s
// and 3 GB (a tree quadratic in the input). The prefilter's caps keep the tree linear.
TEST(HtmlDocumentCapsTest, MisnestedFormattingElementsBuildALinearTree) {
  std::string page;
  for (int i = 0; i < 4000; ++i) page += "<b id=" + std::to_string(i) + "><p>x";
  Result<HtmlDocument> doc = HtmlDocument::Parse(page);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_LT(doc->size(), 20u * 4000u);
}

TEST(HtmlDocumentCapsTest, ParagraphsClosedAroundOpenFormattingBuildALinearTree) {
  std::string page;
  for (int i = 0; i < 20000; ++i) page += "<p><b title=t" + std::to_string(i) + ">x</p>";
  Result<HtmlDocument> doc = HtmlDocument::Parse(page);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_LT(doc->size(), 20u * 20000u);
}

}  // namespace
}  // namespace gpalert
