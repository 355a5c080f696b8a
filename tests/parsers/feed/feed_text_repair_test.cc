// Small pieces of the feed parser: entities, mojibake, persons, lengths, base64,
// looks-like-HTML, charset decoding and entity rewriting.
#include <gtest/gtest.h>

#include "parsers/feed/feed_decoder.h"
#include "parsers/feed/feed_values.h"
#include "parsers/feed/xml_entity_rewriter.h"
#include "parsers/text/html_entities.h"
#include "parsers/text/mojibake.h"

namespace gpalert {
namespace {

TEST(HtmlEntitiesTest, KnowsTheHtml4SetAndRepairsNumericReferences) {
  EXPECT_EQ(LookupHtmlEntity("eacute"), U'\u00e9');
  EXPECT_EQ(LookupHtmlEntity("Eacute"), U'\u00c9');
  EXPECT_EQ(LookupHtmlEntity("hellip"), U'\u2026');
  EXPECT_EQ(LookupHtmlEntity("there4"), U'\u2234');
  EXPECT_FALSE(LookupHtmlEntity("doesnotexist").has_value());
  EXPECT_EQ(RepairNumericReference(146), U'\u2019');
  EXPECT_EQ(RepairNumericReference(0x110000), U'\ufffd');
  EXPECT_EQ(RepairNumericReference(0xD800), U'\ufffd');
  EXPECT_EQ(DecodeHtmlEntities("AT&T &amp; &#65;&#x42; &nope;"), "AT&T & AB &nope;");
}

TEST(MojibakeTest, RedecodesUtf8ReadAsLatin1AndMapsC1Controls) {
  EXPECT_EQ(RepairMojibake("wait\u00e2\u0080\u00a6"), "wait\u2026");
  EXPECT_EQ(RepairMojibake("don\u00e2\u20ac\u2122t"), "don\u2019t");  // read as windows-1252
  EXPECT_EQ(RepairMojibake("don\u0092t"), "don\u2019t");
  EXPECT_EQ(RepairMojibake("caf\u00c3\u00a9"), "caf\u00e9");
  EXPECT_EQ(RepairMojibake("caf\u00e9 \u00bd price \u00a3"), "caf\u00e9 \u00bd price \u00a3");
  EXPECT_EQ(RepairMojibake("plain ascii"), "plain ascii");
  EXPECT_EQ(RepairMojibake("\u2019 already fine"), "\u2019 already fine");
}

struct PersonCase {
  const char* input;
  const char* name;
  const char* email;
};

class PersonTextTest : public ::testing::TestWithParam<PersonCase> {};

TEST_P(PersonTextTest, SplitsNameAndEmail) {
  Person p = ParsePersonText(GetParam().input);
  EXPECT_EQ(p.name.value_or("<null>"), GetParam().name) << GetParam().input;
  EXPECT_EQ(p.email.value_or("<null>"), GetParam().email) << GetParam().input;
}

INSTANTIATE_TEST_SUITE_P(
    Forms, PersonTextTest,
    ::testing::Values(
        PersonCase{"me@example.com (Example editor)", "Example editor", "me@example.com"},
        PersonCase{"Example editor (me@example.com)", "Example editor", "me@example.com"},
        PersonCase{"Example editor <me@example.com>", "Example editor", "me@example.com"},
        PersonCase{"me@example.com", "<null>", "me@example.com"},
        PersonCase{"mailto:me@example.com", "<null>", "me@example.com"},
        PersonCase{"Just A Name", "Just A Name", "<null>"}));

TEST(FeedValuesTest, ParsesLengthsAndBase64) {
  EXPECT_EQ(ParseLength(" 12345 "), 12345);
  EXPECT_FALSE(ParseLength("12a").has_value());
  EXPECT_FALSE(ParseLength("-1").has_value());
  EXPECT_EQ(DecodeBase64("aGVs\nbG8="), "hello");
  EXPECT_FALSE(DecodeBase64("a*b").has_value());
}

TEST(FeedValuesTest, DecidesWhetherRssTextLooksLikeHtml) {
  EXPECT_TRUE(LooksLikeHtml("<b>bold</b>"));
  EXPECT_TRUE(LooksLikeHtml("caf&eacute;"));
  EXPECT_FALSE(LooksLikeHtml("<b> alone"));           // no end tag, no reference
  EXPECT_FALSE(LooksLikeHtml("<madeup>x</madeup>"));  // unknown element
  EXPECT_FALSE(LooksLikeHtml("&madeup; </b>"));       // unknown entity
  EXPECT_EQ(ToText("<b>x</b> &amp; y", TextKind::kAuto), "x & y");
  EXPECT_EQ(ToText("<b> alone", TextKind::kAuto), "<b> alone");
  EXPECT_EQ(ToText("<b>x</b>", TextKind::kPlain), "<b>x</b>");
}

TEST(FeedDecoderTest, FollowsRfc7303Order) {
  auto bom_wins =
      DecodeFeedDocument("\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a/>",
                         std::string("text/xml; charset=utf-16"));
  EXPECT_EQ(bom_wins.encoding, "utf-8");
  EXPECT_EQ(bom_wins.text(), "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a/>");
  auto header = DecodeFeedDocument("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a>\x93</a>",
                                   std::string("application/xml; charset=windows-1252"));
  EXPECT_EQ(header.encoding, "windows-1252");
  EXPECT_NE(header.text().find("\u201c"), std::string::npos);
  auto declared = DecodeFeedDocument("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a>\xe9</a>",
                                     std::nullopt);
  EXPECT_EQ(declared.encoding, "iso-8859-1");
  EXPECT_TRUE(declared.warnings.empty());
  auto gb = DecodeFeedDocument("<?xml version=\"1.0\" encoding=\"gb2312\"?><a>\xc4\xe3</a>",
                               std::nullopt);
  EXPECT_NE(gb.text().find("\u4f60"), std::string::npos);
  auto plain = DecodeFeedDocument("<a/>", std::string("text/plain"));
  EXPECT_FALSE(plain.warnings.empty());
}

TEST(FeedDecoderTest, TellsAsciiFromNonAsciiAtAnyOffset) {
  EXPECT_TRUE(IsAllAscii(""));
  EXPECT_TRUE(IsAllAscii("plain ascii text, longer than one word"));
  for (size_t at = 0; at < 20; ++at) {
    std::string s(20, 'a');
    s[at] = '\xC3';
    EXPECT_FALSE(IsAllAscii(s)) << at;
  }
}

TEST(XmlEntityRewriterTest, RemovesTheDoctypeAndRewritesReferences) {
  EXPECT_FALSE(RewriteXmlEntities("<x a=\"&amp;\">&lt;&#38;<![CDATA[&]]></x>").changed);
  RewrittenXml r = RewriteXmlEntities(
      "<!DOCTYPE x [<!ENTITY e \"ok\"><!ENTITY bad SYSTEM \"file:///etc/passwd\">]>"
      "<x a=\"&e;\">&e; &nbsp; &bad; &unknown; a & b &amp; &#38; <![CDATA[&nbsp;]]><!-- &nbsp; "
      "--></x>");
  EXPECT_TRUE(r.had_doctype);
  EXPECT_TRUE(r.changed);
  EXPECT_EQ(r.text,
            "<x a=\"ok\">ok &#160; &amp;bad; &amp;unknown; a &amp; b &amp; &#38; "
            "<![CDATA[&nbsp;]]><!-- &nbsp; --></x>");
  EXPECT_FALSE(r.warnings.empty());
}

}  // namespace
}  // namespace gpalert
