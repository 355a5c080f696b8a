#include "common/html_escape.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

TEST(EscapeHtmlTest, TextModeEscapesMarkupButNotQuotes) {
  EXPECT_EQ(EscapeHtml("<b>AT&T</b> \"q\" 'a'"), "&lt;b&gt;AT&amp;T&lt;/b&gt; \"q\" 'a'");
}

TEST(EscapeHtmlTest, AttributeModeAlsoEscapesDoubleQuotes) {
  EXPECT_EQ(EscapeHtml("a\"b'c", HtmlEscapeMode::kAttribute), "a&quot;b'c");
}

TEST(EscapeHtmlTest, AllModeEscapesBothQuotes) {
  EXPECT_EQ(EscapeHtml("<a\"b'c>", HtmlEscapeMode::kAll), "&lt;a&quot;b&#39;c&gt;");
}

TEST(EscapeHtmlTest, LeavesUtf8AndEmptyInputAlone) {
  EXPECT_EQ(EscapeHtml(""), "");
  EXPECT_EQ(EscapeHtml("caf\xC3\xA9 \xE2\x80\x94", HtmlEscapeMode::kAll),
            "caf\xC3\xA9 \xE2\x80\x94");
}

}  // namespace
}  // namespace gpalert
