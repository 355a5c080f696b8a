#include "parsers/text/html_sanitizer.h"

#include <gtest/gtest.h>

#include "common/html_escape.h"

namespace gpalert {
namespace {

struct SanitizeCase {
  const char* input;
  const char* expected;
};

class SanitizeHtmlTest : public ::testing::TestWithParam<SanitizeCase> {};

TEST_P(SanitizeHtmlTest, KeepsOnlyWhatIsSafeForMail) {
  EXPECT_EQ(SanitizeHtml(GetParam().input, "http://example.com/dir/page"), GetParam().expected)
      << GetParam().input;
}

INSTANTIATE_TEST_SUITE_P(
    ElementsAndAttributes, SanitizeHtmlTest,
    ::testing::Values(
        SanitizeCase{"<p>Hello <b>world</b></p>", "<p>Hello <b>world</b></p>"},
        SanitizeCase{"<P CLASS='x'>a</P>", "<p class=\"x\">a</p>"},
        SanitizeCase{"<span cite=\"\" dir=\"rtl\"></span>", "<span cite=\"\" dir=\"rtl\"></span>"},
        SanitizeCase{"<span autoplay=\"\"></span>", "<span></span>"},
        SanitizeCase{"<img src=\"a.png\" onerror=\"x()\">",
                     "<img src=\"http://example.com/dir/a.png\" />"},
        SanitizeCase{"<br/><hr><col>", "<br /><hr /><col />"},
        SanitizeCase{"<blink>kept text</blink>", "kept text"},
        SanitizeCase{"<font color=red>x</font>", "<font color=\"red\">x</font>"},
        SanitizeCase{"<table><tr><td colspan=2>c</td></tr></table>",
                     "<table><tr><td colspan=\"2\">c</td></tr></table>"},
        SanitizeCase{"<event-source></event-source>", "<event-source></event-source>"}));

INSTANTIATE_TEST_SUITE_P(
    DroppedWithContent, SanitizeHtmlTest,
    ::testing::Values(
        SanitizeCase{"safe<script>alert(1)</script> text", "safe text"},
        SanitizeCase{"safe<SCRIPT type=x>a<b>c</SCRIPT> text", "safe text"},
        SanitizeCase{"a<style>p{}</style>b", "ab"},
        SanitizeCase{"a<iframe src=x>inner</iframe>b", "ab"},
        SanitizeCase{"a<object><param name=x>inner</object>b", "ab"},
        SanitizeCase{"a<applet>inner</applet>b", "ab"},
        SanitizeCase{"a<noscript>inner</noscript>b", "a<noscript></noscript>b"},
        SanitizeCase{"safe<frameset rows=\"*\"><frame src=\"x\"></frameset> <b>d</b>",
                     "safe <b>d</b>"},
        SanitizeCase{"a<meta http-equiv=refresh content=0>b<link rel=stylesheet href=x>c", "abc"},
        SanitizeCase{"a<embed src=x>b", "ab"},
        SanitizeCase{"safe<object classid=\"clsid:x\"> description", "safe description"},
        SanitizeCase{"a<!-- comment <script> -->b", "ab"},
        SanitizeCase{"a<![CDATA[<b>]]>c", "a&lt;b&gt;c"}));

INSTANTIATE_TEST_SUITE_P(
    Urls, SanitizeHtmlTest,
    ::testing::Values(
        SanitizeCase{"<a href=\"javascript:alert(1)\">x</a>", "<a href=\"\">x</a>"},
        SanitizeCase{"<a href=\"JaVaScRiPt:alert(1)\">x</a>", "<a href=\"\">x</a>"},
        SanitizeCase{"<a href=\"&#106;avascript:alert(1)\">x</a>", "<a href=\"\">x</a>"},
        SanitizeCase{"<a href=\"java\tscript:alert(1)\">x</a>", "<a href=\"\">x</a>"},
        SanitizeCase{"<img src=\"data:image/png;base64,xx\">", "<img src=\"\" />"},
        SanitizeCase{"<a href=\"/abs\">x</a>", "<a href=\"http://example.com/abs\">x</a>"},
        SanitizeCase{"<a href=\"mailto:a@b.c\">m</a>", "<a href=\"mailto:a@b.c\">m</a>"},
        SanitizeCase{"<a href=\"http://x/?a=1&amp;b=2\">q</a>",
                     "<a href=\"http://x/?a=1&amp;b=2\">q</a>"},
        SanitizeCase{
            "<img srcset=\"/a.png, b.png 2x, javascript:x 3x\">",
            "<img srcset=\"http://example.com/a.png, http://example.com/dir/b.png 2x\" />"},
        SanitizeCase{"<ruby>x<rt>y</rt></ruby>", "<ruby>x<rt>y</rt></ruby>"},
        SanitizeCase{"<blockquote cite=\"../c\">q</blockquote>",
                     "<blockquote cite=\"http://example.com/c\">q</blockquote>"}));

INSTANTIATE_TEST_SUITE_P(
    Styles, SanitizeHtmlTest,
    ::testing::Values(
        SanitizeCase{"<span style=\"color: red\">t</span>", "<span style=\"color: red;\">t</span>"},
        SanitizeCase{"<span style=\"border: 0\">t</span>", "<span style=\"border: 0;\">t</span>"},
        SanitizeCase{"<span style=\"margin: 99999em\">t</span>", "<span>t</span>"},
        SanitizeCase{"<span style=\"mso-bidi-font-weight: normal\">t</span>", "<span>t</span>"},
        SanitizeCase{"<span style=\"padding: 2ex; float: right\">t</span>",
                     "<span style=\"padding: 2ex; float: right;\">t</span>"},
        SanitizeCase{"<span style=\"background: url(http://evil/x.png)\">t</span>",
                     "<span>t</span>"},
        SanitizeCase{"<span style=\"width: expression(alert(1))\">t</span>", "<span>t</span>"},
        SanitizeCase{"<span style=\"color: red; -moz-binding: url(x)\">t</span>", "<span>t</span>"},
        SanitizeCase{"<span style=\"background-color: #fff\">t</span>",
                     "<span style=\"background-color: #fff;\">t</span>"}));

INSTANTIATE_TEST_SUITE_P(
    ForeignContentAndBalance, SanitizeHtmlTest,
    ::testing::Values(
        SanitizeCase{"<svg viewbox=\"0 0 1 1\"><circle r=\"1\" onclick=\"x\"/></svg>",
                     "<svg viewBox=\"0 0 1 1\" xmlns=\"http://www.w3.org/2000/svg\"><circle "
                     "r=\"1\"></circle></svg>"},
        SanitizeCase{"<math><mi>x</mi><script>y</script></math>",
                     "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>x</mi></math>"},
        SanitizeCase{"<b>unclosed", "<b>unclosed</b>"},
        SanitizeCase{"stray</div> end", "stray end"},
        SanitizeCase{"<b><i>x</b>y</i>", "<b><i>x</i></b>y"},
        SanitizeCase{"1 < 2 & 3 > 2", "1 &lt; 2 &amp; 3 &gt; 2"},
        SanitizeCase{"&eacute;&#233;&#xE9;&bogus;", "ééé&amp;bogus;"}));

TEST(HtmlToTextTest, DropsTagsScriptsAndCollapsesSpace) {
  EXPECT_EQ(HtmlToPlainText("<p>One</p><p>Two  <b>three</b></p>"), "One Two three");
  EXPECT_EQ(HtmlToPlainText("safe<script>x()</script> description"), "safe description");
  EXPECT_EQ(HtmlToPlainText("<img src=x onerror=y>"), "");
  EXPECT_EQ(HtmlToPlainText("&lt;b&gt; &amp; &eacute;"), "<b> & é");
  EXPECT_EQ(HtmlToPlainText("a<br>b"), "a b");
}

TEST(EscapeHtmlTest, EscapesMarkupCharacters) {
  EXPECT_EQ(EscapeHtml("<a href=\"x\">&</a>"), "&lt;a href=\"x\"&gt;&amp;&lt;/a&gt;");
  EXPECT_EQ(EscapeHtml("\"", HtmlEscapeMode::kAttribute), "&quot;");
}

}  // namespace
}  // namespace gpalert
