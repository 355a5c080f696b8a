#include "alerts/mail/mime_writer.h"

#include <gtest/gtest.h>

#include "tests/support/mime_test_util.h"

namespace gpalert {
namespace {

// Reference decoder for quoted-printable (RFC 2045 6.7), written separately from the encoder.
std::string DecodeQuotedPrintable(const std::string& qp) {
  std::string out;
  for (size_t i = 0; i < qp.size(); ++i) {
    if (qp[i] == '=' && i + 2 < qp.size() && qp[i + 1] == '\r' && qp[i + 2] == '\n') {
      i += 2;  // soft line break
    } else if (qp[i] == '=' && i + 2 < qp.size()) {
      out += static_cast<char>(std::stoi(qp.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else if (qp[i] == '\r' && i + 1 < qp.size() && qp[i + 1] == '\n') {
      out += '\n';
      ++i;
    } else {
      out += qp[i];
    }
  }
  return out;
}

TEST(MimeWriterTest, QuotedPrintableRoundTripsAndKeepsLinesShort) {
  const std::string texts[] = {
      "plain line\nsecond line\n",
      "a=b and =?not-a-word?= \t\n",
      "trailing space \ntrailing tab\t\n",
      ".leading dot\nFrom the start\n",
      std::string(300, 'x') + "\n" + std::string(100, '=') + "\n",
      "Ünïcödé — “quotes” 東京 " + std::string(80, '.') + "\n",
      "control \x01\x7f bytes and \r\n CRLF input\r\n",
      "no final newline",
  };
  for (const auto& text : texts) {
    std::string qp = EncodeQuotedPrintable(text);
    EXPECT_EQ(testing::WireProblems(qp, 76), "") << text;
    std::string expected = text;
    for (size_t p; (p = expected.find("\r\n")) != std::string::npos;) expected.erase(p, 1);
    if (expected.back() != '\n') expected += '\n';
    EXPECT_EQ(DecodeQuotedPrintable(qp), expected) << qp;
    for (unsigned char c : qp) EXPECT_TRUE(c == '\r' || c == '\n' || (c >= 32 && c < 127)) << qp;
  }
}

TEST(MimeWriterTest, QuotedPrintableEscapesWhatMustBeEscaped) {
  EXPECT_EQ(EncodeQuotedPrintable("a=b\n"), "a=3Db\r\n");
  EXPECT_EQ(EncodeQuotedPrintable("end \n"), "end=20\r\n");
  EXPECT_EQ(EncodeQuotedPrintable(".\n"), "=2E\r\n");
  EXPECT_EQ(EncodeQuotedPrintable("From me\n"), "=46rom me\r\n");
  // Found while fuzzing: a soft line break could put "From " at the start of a line.
  std::string from = EncodeQuotedPrintable(std::string(75, 'a') + "From here\n");
  EXPECT_EQ(from.find("\nFrom "), std::string::npos) << from;
  EXPECT_EQ(DecodeQuotedPrintable(from), std::string(75, 'a') + "From here\n");
  EXPECT_EQ(EncodeQuotedPrintable("\xC3\xA9\n"), "=C3=A9\r\n");
  std::string qp = EncodeQuotedPrintable(std::string(76, 'a') + "\n");
  EXPECT_EQ(qp, std::string(75, 'a') + "=\r\n" + "a\r\n");
  // A soft break never splits an escape.
  std::string escapes = EncodeQuotedPrintable(std::string(30, '=') + "\n");
  EXPECT_EQ(escapes.find("=\r\n"), 75u) << escapes;
}

TEST(MimeWriterTest, HeaderTextCannotInjectFields) {
  for (const char* evil : {"Hi\r\nBcc: victim@example.org", "Hi\nX-Evil: 1", "Hi\rX: y",
                           "a\x00"
                           "b",
                           "tab\there", "line\xE2\x80\xA8sep", "c1\xC2\x85next"}) {
    std::string encoded = EncodeHeaderText(evil, 7);
    std::string field = FoldHeader("Subject", encoded);
    EXPECT_EQ(field.find('\n'), field.size() - 1) << field;
    EXPECT_EQ(field.find('\r'), field.size() - 2) << field;
  }
  EXPECT_EQ(SanitizeHeaderText("  Hi\r\n  Bcc: x  "), "Hi Bcc: x");
}

TEST(MimeWriterTest, FoldsLongHeadersAtSpaces) {
  std::string words;
  for (int i = 0; i < 40; ++i) words += "word" + std::to_string(i) + " ";
  std::string field = FoldHeader("Subject", words);
  EXPECT_EQ(testing::WireProblems(field, 78), "");
  EXPECT_NE(field.find("\r\n "), std::string::npos);
  std::string unfolded = field;
  for (size_t p; (p = unfolded.find("\r\n ")) != std::string::npos;) unfolded.replace(p, 3, " ");
  EXPECT_EQ(unfolded, "Subject: " + words.substr(0, words.size() - 1) + "\r\n");
  // An unbreakable run longer than 998 octets is split rather than sent illegal.
  EXPECT_EQ(testing::WireProblems(FoldHeader("X-Long", std::string(3000, 'z'))), "");
}

TEST(MimeWriterTest, EncodedWordsStayWithinLimitsAndNeverSplitCharacters) {
  std::string text;
  for (int i = 0; i < 20; ++i) text += "Пакистан и Россия — 東京 ";
  std::string encoded = EncodeHeaderText(text, 7);
  std::string field = FoldHeader("Subject", encoded);
  EXPECT_EQ(testing::WireProblems(field, 76), "") << field;
  size_t pos = 0;
  while ((pos = field.find("=?UTF-8?B?", pos)) != std::string::npos) {
    size_t end = field.find("?=", pos + 10);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end + 2 - pos, 75u);
    pos = end;
  }
  EXPECT_EQ(EncodeHeaderText("Plain ASCII", 7), "Plain ASCII");
  EXPECT_NE(EncodeHeaderText("looks =?like?= a word", 7).find("=?UTF-8?B?"), std::string::npos);
}

TEST(MimeWriterTest, FormatsAddresses) {
  EXPECT_EQ(FormatAddress({"", "a@example.org"}, 2), "a@example.org");
  EXPECT_EQ(FormatAddress({"A Reader", "a@example.org"}, 2), "A Reader <a@example.org>");
  EXPECT_EQ(FormatAddress({"Reader, A. \"Al\"", "a@example.org"}, 2),
            "\"Reader, A. \\\"Al\\\"\" <a@example.org>");
  EXPECT_EQ(FormatAddress({"Ålerts", "a@example.org"}, 4),
            "=?UTF-8?B?w4VsZXJ0cw==?= <a@example.org>");
}

TEST(MimeWriterTest, FormatsRfc5322Dates) {
  EXPECT_EQ(FormatRfc5322Date(*ParseRfc3339Utc("2026-11-27T19:21:33Z")),
            "Fri, 27 Nov 2026 19:21:33 +0000");
  EXPECT_EQ(FormatRfc5322Date(*ParseRfc3339Utc("2021-01-03T04:05:06Z")),
            "Sun, 03 Jan 2021 04:05:06 +0000");
}

TEST(MimeWriterTest, Base64MatchesRfc4648) {
  EXPECT_EQ(EncodeBase64(""), "");
  EXPECT_EQ(EncodeBase64("f"), "Zg==");
  EXPECT_EQ(EncodeBase64("fo"), "Zm8=");
  EXPECT_EQ(EncodeBase64("foo"), "Zm9v");
  EXPECT_EQ(EncodeBase64("foobar"), "Zm9vYmFy");
}

TEST(MimeWriterTest, PythonDecodesEncodedHeadersAndParts) {
  std::string subject = "Сводка: Pakistan–Russia ties “deepen” — 東京 ";
  for (int i = 0; i < 5; ++i) subject += subject;
  std::string clean = SanitizeHeaderText(subject);
  std::string message =
      FoldHeader("From", FormatAddress({"Ålerts, Inc.", "alerts@example.org"}, 4)) +
      FoldHeader("To", FormatAddress({"Zoë \"Z\" Ölund", "z@example.org"}, 2)) +
      FoldHeader("Subject", EncodeHeaderText(subject, 7)) + FoldHeader("MIME-Version", "1.0") +
      FoldHeader("Content-Type", "multipart/alternative; boundary=\"=_b\"") + "\r\n" +
      MultipartBody({{"text/plain; charset=utf-8", "héllo = wörld\n.\n"},
                     {"text/html; charset=utf-8", "<p>h&eacute;llo</p>\n"}},
                    "=_b");
  EXPECT_EQ(testing::WireProblems(message), "");
  auto parsed = testing::ParseWithPython(message);
  ASSERT_FALSE(parsed.contains("error")) << parsed.dump();
  EXPECT_EQ(parsed["subject"], clean);
  EXPECT_EQ(parsed["from"][0], "Ålerts, Inc.");
  EXPECT_EQ(parsed["from"][1], "alerts@example.org");
  EXPECT_EQ(parsed["to"][0], "Zoë \"Z\" Ölund");
  EXPECT_EQ(parsed["text"], "héllo = wörld\n.\n");
  EXPECT_EQ(parsed["html"], "<p>h&eacute;llo</p>\n");
  EXPECT_TRUE(parsed["defects"].empty()) << parsed["defects"].dump();
}

}  // namespace
}  // namespace gpalert
