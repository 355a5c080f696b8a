#include "parsers/text/html_to_text.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

struct Case {
  const char* html;
  const char* text;
};

class HtmlToTextTest : public ::testing::TestWithParam<Case> {};

TEST_P(HtmlToTextTest, TurnsSanitisedSummaryIntoPlainText) {
  EXPECT_EQ(HtmlToText(GetParam().html), GetParam().text);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, HtmlToTextTest,
    ::testing::Values(Case{"plain words", "plain words"},
                      Case{"<p>First</p><p>Second</p>", "First Second"},
                      Case{"a&amp;b &lt;c&gt; &quot;d&quot; &#39;e&#39; &#x2014; &mdash;",
                           "a&b <c> \"d\" 'e' \u2014 \u2014"},
                      Case{"x&nbsp;y", "x y"},
                      Case{"<b>bold</b> and <a href=\"http://x\">link</a>", "bold and link"},
                      Case{"keep<script>alert(1)</script> going", "keep going"},
                      Case{"keep<STYLE>p{}</STYLE> going", "keep going"},
                      Case{"a<!-- hidden <b> -->b", "ab"},
                      Case{"&unknown; &#0; &#99999999;", "&unknown; \uFFFD \uFFFD"},
                      Case{"broken <tag without end", "broken"},
                      Case{"  lots \n\n of \t space  ", "lots of space"},
                      Case{"bad \xff byte", "bad \uFFFD byte"}));

TEST(HtmlToTextLengthTest, CutsLongTextAtAWordWithAnEllipsis) {
  std::string html(100, 'a');
  html += " ";
  html += std::string(100, 'b');
  std::string text = HtmlToText(html, 150);
  EXPECT_EQ(text, std::string(100, 'a') + "\u2026");
}

TEST(HtmlToTextLengthTest, NeverCutsInsideAUtf8Sequence) {
  std::string html;
  for (int i = 0; i < 100; ++i) html += "\u00e9";  // two bytes each, no spaces
  std::string text = HtmlToText(html, 51);
  EXPECT_EQ(text.size() % 2, 1u);  // 25 whole é (50 bytes) + "…" (3 bytes)
  EXPECT_EQ(text.substr(text.size() - 3), "\u2026");
}

TEST(HtmlToTextHostileTest, ManyUnclosedScriptTagsStayLinear) {
  std::string html;
  for (int i = 0; i < 20000; ++i) html += "<script>";
  EXPECT_EQ(HtmlToText(html), "");
}

TEST(ShortenTextTest, KeepsAngleBracketsOfPlainText) {
  EXPECT_EQ(ShortenText("a < b  and\n c > d"), "a < b and c > d");
}

}  // namespace
}  // namespace gpalert
