#include "parsers/text/html_charset.h"

#include "common/strings.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

TEST(HtmlCharsetTest, ByteOrderMarkWinsOverEverything) {
  DecodedHtml d = DecodeHtml("\xEF\xBB\xBF<meta charset=\"iso-8859-2\"><p>caf\xC3\xA9</p>",
                             "text/html; charset=windows-1251");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.decided_by, "bom");
  EXPECT_EQ(d.utf8, "<meta charset=\"iso-8859-2\"><p>caf\xC3\xA9</p>");
}

TEST(HtmlCharsetTest, Utf16ByteOrderMarkIsConverted) {
  std::string bytes("\xFF\xFE<\0p\0>\0\xE9\0", 10);
  DecodedHtml d = DecodeHtml(bytes, std::nullopt);
  EXPECT_EQ(d.charset, "utf-16le");
  EXPECT_EQ(d.utf8, "<p>\xC3\xA9");
}

TEST(HtmlCharsetTest, HttpHeaderBeatsMetaPrescan) {
  DecodedHtml d = DecodeHtml("<meta charset=utf-8><p>\xE0\xE1</p>", "text/html; charset=koi8-r");
  EXPECT_EQ(d.charset, "koi8-r");
  EXPECT_EQ(d.decided_by, "http");
}

TEST(HtmlCharsetTest, MetaCharsetAndHttpEquivArePrescanned) {
  EXPECT_EQ(PrescanMetaCharset("<head><meta charset=\"Shift_JIS\">"), "shift_jis");
  EXPECT_EQ(PrescanMetaCharset(
                "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=windows-1251\">"),
            "windows-1251");
  EXPECT_EQ(PrescanMetaCharset("<meta name=description content=x>"), std::nullopt);
  // Only the first 1024 bytes count, as in browsers.
  EXPECT_EQ(PrescanMetaCharset(std::string(1100, ' ') + "<meta charset=koi8-r>"), std::nullopt);
}

TEST(HtmlCharsetTest, Latin1LabelMeansWindows1252) {
  DecodedHtml d = DecodeHtml("<meta charset=iso-8859-1><p>\x93quoted\x94 \x80</p>", std::nullopt);
  EXPECT_EQ(d.charset, "windows-1252");
  EXPECT_EQ(d.utf8, "<meta charset=iso-8859-1><p>\xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x82\xAC</p>");
}

TEST(HtmlCharsetTest, ValidUtf8ContentOverridesAWrongLabel) {
  DecodedHtml d =
      DecodeHtml("<meta charset=gb2312><p>\xE4\xB8\xAD\xE6\x96\x87 caf\xC3\xA9</p>", std::nullopt);
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.decided_by, "utf-8 content");
}

TEST(HtmlCharsetTest, UnlabelledLegacyBytesAreDetected) {
  // Cyrillic in windows-1251, long enough for detection.
  std::string text;
  for (int i = 0; i < 30; ++i)
    text += "\xCF\xF0\xE8\xE2\xE5\xF2, \xEC\xE8\xF0! \xDD\xF2\xEE \xF2\xE5\xF1\xF2. ";
  DecodedHtml d = DecodeHtml("<p>" + text + "</p>", std::nullopt);
  EXPECT_EQ(d.decided_by, "detected");
  EXPECT_NE(d.utf8.find("\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82"), std::string::npos);
}

TEST(HtmlCharsetTest, InvalidBytesAreReplacedNeverPassedThrough) {
  DecodedHtml d = DecodeHtml("<meta charset=utf-8><p>ok \xFF\xFE bad</p>", std::nullopt);
  EXPECT_EQ(d.utf8, "<meta charset=utf-8><p>ok \xEF\xBF\xBD\xEF\xBF\xBD bad</p>");
}

TEST(HtmlCharsetTest, UnknownLabelFallsBackToWindows1252) {
  DecodedHtml d = DecodeHtml("<p>caf\xE9</p>", "text/html; charset=x-no-such-charset");
  EXPECT_EQ(d.charset, "windows-1252");
  EXPECT_EQ(d.utf8, "<p>caf\xC3\xA9</p>");
}

// Found by fuzz/html_charset_fuzzer (fuzz/crashers/html_charset/meta-charset-blank-value):
// a <meta charset> value that normalises to "" was used as the charset "".
TEST(DecodeHtmlTest, MetaCharsetBlankValueIsNoLabel) {
  EXPECT_FALSE(PrescanMetaCharset("<meta charset=\"\f\">caf\xe9"));
  DecodedHtml page = DecodeHtml(std::string("<meta charset=\"\f\">caf\xe9\0", 23), std::nullopt);
  EXPECT_FALSE(page.charset.empty());
  EXPECT_TRUE(IsValidUtf8(page.utf8));
}

}  // namespace
}  // namespace gpalert
