// Hostile documents: each must end quickly with a small result and a warning, never
// expand entities without bound and never read local files.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include "common/strings.h"
#include "parsers/feed/feed_json.h"
#include "parsers/feed/feed_parser.h"
#include "parsers/feed/xml_document.h"
#include "parsers/feed/xml_node.h"
#include "parsers/text/html_sanitizer.h"

namespace gpalert {
namespace {

std::string TotalText(const ParsedFeed& feed) {
  std::string all = feed.title.value_or("") + feed.description.value_or("");
  for (const auto& e : feed.entries)
    all += e.title.value_or("") + e.summary.value_or("") + e.id.value_or("");
  return all;
}

std::string HostnameFileContents() {
  std::ifstream in("/etc/hostname");
  std::ostringstream s;
  s << in.rdbuf();
  return std::string(TrimAscii(s.str()));
}

TEST(FeedAttackTest, BillionLaughsEndsSmallWithAWarning) {
  std::string doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n";
  doc += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n";
  for (int i = 2; i <= 9; ++i) {
    doc += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) doc += "&lol" + std::to_string(i - 1) + ";";
    doc += "\">\n";
  }
  doc +=
      "]>\n<rss version=\"2.0\"><channel><title>&lol9;</title><item><title>&lol9;&lol9;</title>"
      "</item></channel></rss>\n";
  ParsedFeed feed = ParseFeed(doc, FeedParseOptions{});
  EXPECT_EQ(feed.format, "rss2.0");
  EXPECT_LT(TotalText(feed).size(), 1000u);
  EXPECT_FALSE(feed.warnings.empty());
}

TEST(FeedAttackTest, QuadraticBlowupStaysWithinTheExpansionBudget) {
  std::string value(50000, 'a');
  std::string doc =
      "<!DOCTYPE rss [<!ENTITY a \"" + value + "\">]>\n<rss version=\"2.0\"><channel><title>";
  for (int i = 0; i < 50000; ++i) doc += "&a;";  // 2.5 GB if expanded naively
  doc += "</title></channel></rss>";
  ParsedFeed feed = ParseFeed(doc, FeedParseOptions{});
  EXPECT_EQ(feed.format, "rss2.0");
  EXPECT_LT(TotalText(feed).size(), 4u * 1024 * 1024);
  EXPECT_FALSE(feed.warnings.empty());
}

TEST(FeedAttackTest, ExternalEntityToALocalFileIsNeverRead) {
  std::string secret = HostnameFileContents();
  const char* docs[] = {
      "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]>"
      "<rss version=\"2.0\"><channel><title>x&xxe;y</title></channel></rss>",
      "<!DOCTYPE rss [<!ENTITY % p SYSTEM \"file:///etc/hostname\"> %p;]>"
      "<rss version=\"2.0\"><channel><title>x&p;y</title></channel></rss>",
      "<!DOCTYPE rss SYSTEM \"file:///etc/hostname\">"
      "<rss version=\"2.0\"><channel><title>xy</title></channel></rss>",
      "<!DOCTYPE rss [<!ENTITY xxe PUBLIC \"-//x//y\" \"file:///etc/hostname\">]>"
      "<rss version=\"2.0\"><channel><title>x&xxe;y</title></channel></rss>",
  };
  for (const char* doc : docs) {
    ParsedFeed feed = ParseFeed(doc, FeedParseOptions{});
    ASSERT_TRUE(feed.title.has_value()) << doc;
    EXPECT_TRUE(feed.title->starts_with("x")) << doc;
    if (!secret.empty()) {
      EXPECT_EQ(feed.title->find(secret), std::string::npos) << doc;
    }
  }
}

TEST(FeedAttackTest, ExternalEntityToAKnownSecretFileIsNeverRead) {
  // /etc/hostname may be empty in a container; this file's contents are known.
  std::string path = ::testing::TempDir() + "gpalert_xxe_secret.txt";
  {
    std::ofstream out(path);
    out << "gpalert-xxe-secret-7f3a";
  }
  std::string doc = "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file://" + path +
                    "\">]><rss version=\"2.0\"><channel><title>x&xxe;y</title></channel></rss>";
  ParsedFeed feed = ParseFeed(doc, FeedParseOptions{});
  ASSERT_TRUE(feed.title.has_value());
  EXPECT_EQ(feed.title->find("gpalert-xxe-secret"), std::string::npos);
  XmlDocument xml =
      ParseXmlDocument("<!DOCTYPE r [<!ENTITY xxe SYSTEM \"file://" + path + "\">]><r>x&xxe;y</r>");
  ASSERT_NE(xml.root(), nullptr);
  EXPECT_EQ(TextContent(xml.root()).find("gpalert-xxe-secret"), std::string::npos);
  std::remove(path.c_str());
}

TEST(FeedAttackTest, XmlLayerAloneNeverLoadsExternalEntities) {
  // Straight to libxml2, without the entity rewriter in front of it.
  std::string secret = HostnameFileContents();
  XmlDocument xml = ParseXmlDocument(
      "<!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]><r>x&xxe;y</r>");
  ASSERT_NE(xml.root(), nullptr);
  std::string text = TextContent(xml.root());
  if (!secret.empty()) {
    EXPECT_EQ(text.find(secret), std::string::npos);
  }
}

TEST(FeedAttackTest, XmlLayerAloneStopsBillionLaughs) {
  std::string doc = "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\">";
  std::string prev = "a";
  for (int i = 0; i < 9; ++i) {
    std::string name = "e" + std::to_string(i);
    doc += "<!ENTITY " + name + " \"";
    for (int k = 0; k < 10; ++k) doc += "&" + prev + ";";
    doc += "\">";
    prev = name;
  }
  doc += "]><r>&" + prev + ";</r>";
  XmlDocument xml = ParseXmlDocument(doc);
  // Entities are never substituted (no XML_PARSE_NOENT) and libxml2's amplification
  // check rejects the reference: reading the text must not expand 10^10 bytes.
  ASSERT_NE(xml.root(), nullptr);
  EXPECT_LT(TextContent(xml.root()).size(), 1024u * 1024);
  EXPECT_FALSE(xml.well_formed);
}

TEST(FeedAttackTest, DocumentOverTheSizeCapIsRefusedWithAWarning) {
  std::string item = "<item><title>t</title><description>&lt;p&gt;x&lt;/p&gt;</description></item>";
  std::string doc = "<rss version=\"2.0\"><channel>";
  doc.reserve(100u * 1024 * 1024 + 1024);
  while (doc.size() < 100u * 1024 * 1024) doc += item;
  doc += "</channel></rss>";
  ParsedFeed feed = ParseFeed(doc, FeedParseOptions{});  // cap: 64 MiB
  EXPECT_FALSE(feed.format.has_value());
  EXPECT_TRUE(feed.entries.empty());
  ASSERT_FALSE(feed.warnings.empty());
  EXPECT_NE(feed.warnings[0].find("limit"), std::string::npos);
}

TEST(FeedAttackTest, DeeplyNestedXmlIsCutOffNotFollowed) {
  std::string doc = "<rss version=\"2.0\"><channel><title>deep</title><item><description>";
  for (int i = 0; i < 100000; ++i) doc += "<d>";
  doc += "</description></item></channel></rss>";
  ParsedFeed feed = ParseFeed(doc, FeedParseOptions{});
  EXPECT_EQ(feed.title, "deep");
  EXPECT_FALSE(feed.warnings.empty());
}

TEST(FeedAttackTest, DeeplyNestedJsonIsRejected) {
  std::string doc = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": ";
  doc += std::string(200000, '[') + std::string(200000, ']') + "}";
  ParsedFeed feed = ParseFeed(doc, FeedParseOptions{});
  EXPECT_FALSE(feed.warnings.empty());
}

TEST(FeedAttackTest, DeeplyNestedHtmlIsFlattenedPastTheDepthCap) {
  std::string html;
  for (int i = 0; i < 50000; ++i) html += "<div>";
  html += "text";
  std::string out = SanitizeHtml(html, "");
  EXPECT_NE(out.find("text"), std::string::npos);
  EXPECT_LT(out.size(), 50000u * 11);
  EXPECT_LE(out.size(), 256u * 11 + 4);
}

TEST(FeedAttackTest, ManyUnclosedDroppedElementsStayLinear) {
  std::string html;
  for (int i = 0; i < 20000; ++i) html += "<object>x";
  std::string out = SanitizeHtml(html, "");
  EXPECT_EQ(out, std::string(20000, 'x'));
}

TEST(FeedAttackTest, SurvivesRandomMutationsOfValidFeeds) {
  // Deterministic mutations (seeded) of a feed using every format feature; each result
  // must be a well-formed JSON object.
  const std::string base =
      "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY e \"x\">]><rss version=\"2.0\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>&e; &eacute;</title>"
      "<item><title>T</title><link>/a?b=1&amp;c=2</link><dc:date>2004-01-01T00:00:00Z</dc:date>"
      "<description>&lt;p style=\"color: red\"&gt;&lt;a href=\"x\"&gt;y&lt;/a&gt;&lt;svg&gt;"
      "&lt;circle/&gt;&lt;/svg&gt;&lt;script&gt;z&lt;/script&gt;&lt;/p&gt;</description>"
      "<![CDATA[<b>]]></item></channel></rss>";
  const std::string pieces[] = {"<",    ">",           "&",    "&amp;", "<![CDATA[",      "]]>",
                                "<!--", "&#x110000;",  "\xff", "\xc3",  "&lt;script&gt;", "</",
                                "\"",   "&lt;math&gt;"};
  std::uint32_t seed = 12345;
  auto next = [&seed](std::uint32_t bound) {
    seed = seed * 1664525u + 1013904223u;
    return bound == 0 ? 0u : (seed >> 8) % bound;
  };
  for (int round = 0; round < 300; ++round) {
    std::string doc = base;
    int edits = 1 + static_cast<int>(next(12));
    for (int k = 0; k < edits && !doc.empty(); ++k) {
      size_t pos = next(static_cast<std::uint32_t>(doc.size()));
      switch (next(3)) {
        case 0:
          doc[pos] = static_cast<char>(next(256));
          break;
        case 1:
          doc.insert(pos, pieces[next(std::size(pieces))]);
          break;
        default:
          doc.erase(pos, 1 + next(16));
          break;
      }
    }
    ParsedFeed feed = ParseFeed(doc, FeedParseOptions{});
    std::string json = FeedToJsonText(feed);
    EXPECT_TRUE(nlohmann::ordered_json::accept(json)) << doc;
  }
}

}  // namespace
}  // namespace gpalert
