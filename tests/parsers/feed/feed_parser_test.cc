// End-to-end feed parsing over the fixtures in tests/data/feeds/<category>/: each case
// parses one fixture (with an optional URL and Content-Type) and checks one value of
// the `gpalert feed` JSON by JSON pointer.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "parsers/feed/feed_json.h"
#include "parsers/feed/feed_parser.h"

namespace gpalert {
namespace {

using Json = nlohmann::ordered_json;

std::string ReadFixture(const std::string& relative) {
  std::ifstream in(std::string(GPALERT_TEST_DATA) + "/feeds/" + relative, std::ios::binary);
  EXPECT_TRUE(in.good()) << relative;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Json ParseFixture(const std::string& relative, const std::string& url = "",
                  const char* content_type = nullptr) {
  FeedParseOptions options;
  options.url = url;
  if (content_type) options.content_type = content_type;
  return FeedToJson(ParseFeed(ReadFixture(relative), options));
}

struct FieldCase {
  const char* fixture;
  const char* pointer;   // JSON pointer into the output
  const char* expected;  // JSON text of the expected value
  const char* url = "";
  const char* content_type = nullptr;
};

class FeedFieldTest : public ::testing::TestWithParam<FieldCase> {};

TEST_P(FeedFieldTest, ProducesTheContractValue) {
  const FieldCase& c = GetParam();
  Json out = ParseFixture(c.fixture, c.url, c.content_type);
  Json::json_pointer pointer(c.pointer);
  ASSERT_TRUE(out.contains(pointer)) << c.fixture << " has no " << c.pointer << "\n" << out.dump(2);
  EXPECT_EQ(out.at(pointer), Json::parse(c.expected)) << c.fixture << " " << c.pointer;
}

INSTANTIATE_TEST_SUITE_P(
    Encoding, FeedFieldTest,
    ::testing::Values(
        FieldCase{"encoding/utf16le_bom.xml", "/encoding", R"("utf-16le")"},
        FieldCase{"encoding/utf16le_bom.xml", "/title", R"("Café – naïve")"},
        FieldCase{"encoding/utf16be_no_bom.xml", "/encoding", R"("utf-16be")"},
        FieldCase{"encoding/utf32be_bom.xml", "/title", R"("Café – naïve")"},
        FieldCase{"encoding/utf8_bom.xml", "/encoding", R"("utf-8")"},
        FieldCase{"encoding/header_overrides_declaration.xml", "/encoding", R"("windows-1252")", "",
                  "text/xml; charset=windows-1252"},
        FieldCase{"encoding/header_overrides_declaration.xml", "/entries/0/summary",
                  R"("a “quote” £")", "", "text/xml; charset=windows-1252"},
        FieldCase{"encoding/undeclared_windows1252.xml", "/entries/0/summary", R"("don’t")"},
        FieldCase{"encoding/undeclared_windows1252.xml", "/encoding", R"("windows-1252")"},
        FieldCase{"encoding/declared_ascii_with_high_byte.xml", "/title", R"("café")"},
        FieldCase{"encoding/euc_kr.xml", "/title", R"("한국어")"},
        FieldCase{"encoding/undeclared_big5.xml", "/encoding", R"("big5")"},
        FieldCase{"encoding/ebcdic_cp500.xml", "/title", R"("EBCDIC Ç")"},
        FieldCase{"encoding/mojibake_references.xml", "/entries/0/title", R"("wait… don’t")"}));

INSTANTIATE_TEST_SUITE_P(
    EntitiesAndAmpersands, FeedFieldTest,
    ::testing::Values(
        FieldCase{"entities/html_named.xml", "/title", "\"café – … \u00a0x Æ\""},
        FieldCase{"entities/html_named.xml", "/entries/0/title", R"("&doesnotexist; and &amp;")"},
        FieldCase{"entities/html_named.xml", "/entries/0/summary", R"("<p>© 2024</p>")"},
        FieldCase{"entities/declared_internal.xml", "/title", R"("© site")"},
        FieldCase{"entities/declared_internal.xml", "/entries/0/id", R"("C:\\data\\1\\new")"},
        FieldCase{"amp/amp_routes.xml", "/entries/0/title", R"("&")"},
        FieldCase{"amp/amp_routes.xml", "/entries/1/title", R"("&")"},
        FieldCase{"amp/amp_routes.xml", "/entries/2/title", R"("&")"},
        FieldCase{"amp/amp_routes.xml", "/entries/3/title", R"("&")"},
        FieldCase{"amp/amp_routes.xml", "/entries/4/title", R"("&")"},
        FieldCase{"amp/amp_routes.xml", "/entries/5/title", R"("&lt;b&gt;")"}));

INSTANTIATE_TEST_SUITE_P(
    IllFormed, FeedFieldTest,
    ::testing::Values(
        FieldCase{"illformed/unclosed_tags.xml", "/entries/1/title", R"("Second & third")"},
        FieldCase{"illformed/unclosed_tags.xml", "/entries/1/summary", R"("unclosed <b>bold</b>")"},
        FieldCase{"illformed/charref_out_of_range.xml", "/title",
                  "\"a \ufffd b \ufffd c \ufffd d\""},
        FieldCase{"illformed/doctype_external_subset.xml", "/title", R"("found")"},
        FieldCase{"illformed/not_a_feed.html", "/format", "null"},
        FieldCase{"illformed/high_bit_date.xml", "/entries/0/published", "null"}));

INSTANTIATE_TEST_SUITE_P(
    Atom, FeedFieldTest,
    ::testing::Values(
        FieldCase{"atom/atom03_modes.xml", "/format", R"("atom0.3")"},
        FieldCase{"atom/atom03_modes.xml", "/description", R"("Tag line")"},
        FieldCase{"atom/atom03_modes.xml", "/updated", R"("2004-01-01T19:48:21Z")"},
        FieldCase{
            "atom/atom03_modes.xml", "/author",
            R"({"name": "Editor", "email": "ed@example.org", "uri": "http://example.org/ed"})"},
        FieldCase{"atom/atom03_modes.xml", "/entries/0/title", R"("1 < 2")"},
        FieldCase{"atom/atom03_modes.xml", "/entries/0/published", R"("2003-12-31T18:14:55Z")"},
        FieldCase{"atom/atom03_modes.xml", "/entries/0/summary",
                  R"("&lt;b&gt;not bold&lt;/b&gt;")"},
        FieldCase{"atom/atom03_modes.xml", "/entries/0/content",
                  R"("<div><p>Hi <b>there</b></p></div>")"},
        FieldCase{"atom10/atom10_constructs.xml", "/format", R"("atom1.0")"},
        FieldCase{"atom10/atom10_constructs.xml", "/title", R"("<b> is literal")"},
        FieldCase{"atom10/atom10_constructs.xml", "/description", R"("Subtitle")"},
        FieldCase{"atom10/atom10_constructs.xml", "/link", R"("http://example.org/")"},
        FieldCase{"atom10/atom10_constructs.xml", "/entries/0/title", R"("An xhtml title")"},
        FieldCase{"atom10/atom10_constructs.xml", "/entries/0/link",
                  R"("http://example.org/2005/04/02/atom")"},
        FieldCase{"atom10/atom10_constructs.xml", "/entries/0/id", R"("http://example.org/~bob")"},
        FieldCase{"atom10/atom10_constructs.xml", "/entries/0/updated",
                  R"("2003-12-13T12:29:29Z")"},
        FieldCase{"atom10/atom10_constructs.xml", "/entries/0/categories", R"(["news", "tech"])"},
        FieldCase{"atom10/atom10_constructs.xml", "/entries/0/enclosures",
                  R"([{"url": "http://example.org/a.mp3", "type": "audio/mpeg", "length": 1337}])"},
        FieldCase{"atom10/atom10_constructs.xml", "/entries/0/content", R"("hello &lt;world&gt;")"},
        FieldCase{"atom10/atom10_constructs.xml", "/entries/1/content", "null"},
        FieldCase{"atom10/atom10_constructs.xml", "/entries/1/summary", R"("<p>Summary</p>")"}));

INSTANTIATE_TEST_SUITE_P(
    BaseAndLanguage, FeedFieldTest,
    ::testing::Values(
        FieldCase{"base/xml_base.xml", "/link", R"("http://example.org/root/index.html")"},
        FieldCase{"base/xml_base.xml", "/entries/0/id", R"("http://example.org/root/entries/1")"},
        FieldCase{"base/xml_base.xml", "/entries/0/link",
                  R"("http://example.org/root/entries/one.html")"},
        FieldCase{
            "base/xml_base.xml", "/entries/0/content",
            R"("<a href=\"http://example.org/img/x.html\">x</a> <img src=\"http://example.org/img/y.png\" />")"},
        FieldCase{"base/relative_links.xml", "/entries/0/link",
                  R"("http://example.net/relative/uri")", "http://example.net/dir/feed"},
        FieldCase{"base/relative_links.xml", "/entries/0/enclosures/0/url",
                  R"("http://example.net/dir/media/a.mp3")", "http://example.net/dir/feed"},
        FieldCase{"base/relative_links.xml", "/entries/0/link", R"("/relative/uri")"},
        FieldCase{"lang/channel_language.xml", "/language", R"("en-us")"},
        FieldCase{"lang/xml_lang.xml", "/language", R"("fr")"},
        FieldCase{"lang/no_language.xml", "/language", "null"},
        FieldCase{"lang/xml_lang_underscore.xml", "/language", R"("en-US")"}));

INSTANTIATE_TEST_SUITE_P(
    NamespacesAndRdf, FeedFieldTest,
    ::testing::Values(
        FieldCase{
            "namespace/svg_prefixed.xml", "/entries/0/content",
            R"("<svg viewBox=\"0 0 10 10\" xmlns=\"http://www.w3.org/2000/svg\"><a xlink:href=\"\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><circle cx=\"5\" cy=\"5\" r=\"4\"></circle></a></svg>")"},
        FieldCase{"namespace/rss_prefixed_default.xml", "/title", R"("Prefixed")"},
        FieldCase{"namespace/rss_prefixed_default.xml", "/entries/0/author/name", R"("Jane Doe")"},
        FieldCase{"namespace/rss_prefixed_default.xml", "/entries/0/updated",
                  R"("2002-09-28T21:00:02Z")"},
        FieldCase{"namespace/undeclared_prefix.xml", "/entries/0/content", R"("<p>full</p>")"},
        FieldCase{"rdf/rss10.xml", "/format", R"("rss1.0")"},
        FieldCase{"rdf/rss10.xml", "/language", R"("de")"},
        FieldCase{"rdf/rss10.xml", "/entries/0/id", R"("http://example.org/1")"},
        FieldCase{"rdf/rss10.xml", "/entries/0/updated", R"("2002-09-28T18:01:19Z")"},
        FieldCase{"rdf/rss10.xml", "/entries/0/categories", R"(["cats"])"},
        FieldCase{"rdf/rss090.xml", "/format", R"("rss0.9x")"},
        FieldCase{"rdf/rss090.xml", "/entries/0/link", R"("http://example.org/old")"},
        FieldCase{"xml/unknown_namespace_element.xml", "/title", R"("xlink")"},
        FieldCase{"xml/unknown_namespace_element.xml", "/author", "null"}));

INSTANTIATE_TEST_SUITE_P(
    Rss, FeedFieldTest,
    ::testing::Values(
        FieldCase{"rss/rss20_item.xml", "/format", R"("rss2.0")"},
        FieldCase{"rss/rss20_item.xml", "/title", R"("Example feed")"},
        FieldCase{"rss/rss20_item.xml", "/description", R"("Plain & simple")"},
        FieldCase{"rss/rss20_item.xml", "/updated", R"("2004-01-01T19:48:21Z")"},
        FieldCase{"rss/rss20_item.xml", "/author",
                  R"({"name": "Example editor", "email": "me@example.com", "uri": null})"},
        FieldCase{"rss/rss20_item.xml", "/entries/0/link", R"("http://example.com/1")"},
        FieldCase{"rss/rss20_item.xml", "/entries/0/author",
                  R"({"name": "Jane Roe", "email": "jane@example.com", "uri": null})"},
        FieldCase{"rss/rss20_item.xml", "/entries/0/summary", R"("<p>Sanitised <b>HTML</b></p>")"},
        FieldCase{"rss/rss20_item.xml", "/entries/0/content", R"("<p>Full <i>text</i></p>")"},
        FieldCase{"rss/rss20_item.xml", "/entries/0/categories", R"(["news", "world"])"},
        FieldCase{"rss/rss20_item.xml", "/entries/0/enclosures/0/length", "12345"},
        FieldCase{"rss/rss20_item.xml", "/entries/1/link", "null"},
        FieldCase{"rss/rss20_item.xml", "/entries/1/id", R"("not-a-link")"},
        FieldCase{"rss/rss20_item.xml", "/entries/1/published", R"("2004-01-04T21:29:00Z")"},
        FieldCase{"rss/rss20_item.xml", "/entries/1/updated", R"("2004-01-06T00:00:00Z")"},
        FieldCase{"rss/rss091.xml", "/format", R"("rss0.9x")"},
        FieldCase{"rss/rss091.xml", "/title", R"("Old & busted")"}));

INSTANTIATE_TEST_SUITE_P(
    SanitizeAndJson, FeedFieldTest,
    ::testing::Values(
        FieldCase{
            "sanitize/hostile.xml", "/entries/0/summary",
            R"("<p style=\"color: red;\">Hi</p><a href=\"\">link</a><img src=\"http://example.net/i.png\" /><span style=\"font-weight: bold;\">ok</span>kept")",
            "http://example.net/feed"},
        FieldCase{"jsonfeed/feed.json", "/format", R"("jsonfeed")"},
        FieldCase{"jsonfeed/feed.json", "/author/uri", R"("https://example.org/jay")"},
        FieldCase{"jsonfeed/feed.json", "/entries/0/id", R"("1")"},
        FieldCase{"jsonfeed/feed.json", "/entries/0/link", R"("https://example.org/post/1")",
                  "https://example.org/feed.json"},
        FieldCase{"jsonfeed/feed.json", "/entries/0/content", R"("<p>Hi </p>")"},
        FieldCase{"jsonfeed/feed.json", "/entries/0/summary", R"("1 &lt; 2")"},
        FieldCase{"jsonfeed/feed.json", "/entries/0/published", R"("2020-02-02T09:00:00Z")"},
        FieldCase{"jsonfeed/feed.json", "/entries/0/enclosures/0/length", "99"},
        FieldCase{"jsonfeed/feed.json", "/entries/1/content", R"("plain &lt;text&gt;")"},
        FieldCase{"jsonfeed/feed.json", "/entries/1/summary", R"("plain &lt;text&gt;")"}));

// Cases where the contract requires the repair or guess to be reported.
class FeedWarningTest : public ::testing::TestWithParam<const char*> {};

TEST_P(FeedWarningTest, ReportsWhatWasRepairedOrGuessed) {
  Json out = ParseFixture(GetParam());
  EXPECT_FALSE(out["warnings"].empty()) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(
    Repairs, FeedWarningTest,
    ::testing::Values("encoding/undeclared_windows1252.xml",
                      "encoding/declared_ascii_with_high_byte.xml", "encoding/undeclared_big5.xml",
                      "entities/html_named.xml", "illformed/unclosed_tags.xml",
                      "illformed/charref_out_of_range.xml", "illformed/not_a_feed.html",
                      "illformed/high_bit_date.xml", "namespace/undeclared_prefix.xml"));

TEST(FeedParserTest, KeepsEveryKeyWithNullsForAbsentValues) {
  Json out = ParseFixture("lang/no_language.xml");
  for (const char* key : {"format", "encoding", "title", "link", "description", "language",
                          "updated", "author", "entries", "warnings"})
    EXPECT_TRUE(out.contains(key)) << key;
  EXPECT_TRUE(out["warnings"].empty());
}

TEST(FeedParserTest, WarnsWhenServedAsANonXmlMediaType) {
  Json out = ParseFixture("lang/no_language.xml", "", "text/plain");
  EXPECT_FALSE(out["warnings"].empty());
}

TEST(FeedParserTest, ContentLocationReplacesTheBaseAndContentLanguageIsTheDefault) {
  FeedParseOptions options;
  options.url = "http://127.0.0.1/feed";
  options.content_location = "http://example.com/dir/";
  options.content_language = "es";
  ParsedFeed feed = ParseFeed(ReadFixture("base/relative_links.xml"), options);
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].link, "http://example.com/relative/uri");
  EXPECT_EQ(feed.language, "es");
}

TEST(FeedParserTest, IgnoresAContentLocationThatIsNotHttp) {
  FeedParseOptions options;
  options.url = "http://127.0.0.1/feed";
  options.content_location = "file:///etc/";
  ParsedFeed feed = ParseFeed(ReadFixture("base/relative_links.xml"), options);
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].link, "http://127.0.0.1/relative/uri");
}

TEST(FeedParserTest, ParsesFromSeveralThreadsAtOnce) {
  // The daemon parses on a CPU pool: libxml2 set-up, allow-lists and the detector must
  // be safe to share.
  const char* fixtures[] = {"rss/rss20_item.xml", "atom10/atom10_constructs.xml",
                            "encoding/undeclared_big5.xml", "jsonfeed/feed.json"};
  std::vector<std::string> expected;
  for (const char* f : fixtures) expected.push_back(FeedToJsonText(ParseFeed(ReadFixture(f), {})));
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round)
        for (size_t k = 0; k < expected.size(); ++k)
          if (FeedToJsonText(ParseFeed(ReadFixture(fixtures[k]), {})) != expected[k])
            ++mismatches[t];
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

TEST(FeedParserTest, NamesTheFeedsAnHtmlPageAdvertisesFirst) {
  Json out = ParseFixture("discovery/page_with_feed.html", "https://example.org/pakistan-reader/");
  EXPECT_TRUE(out["format"].is_null());
  ASSERT_FALSE(out["warnings"].empty());
  EXPECT_NE(
      out["warnings"][0].get<std::string>().find("https://example.org/pakistan-reader/feed.xml"),
      std::string::npos);
}

TEST(FeedParserTest, TreatsEmptyInputAsNotAFeed) {
  ParsedFeed feed = ParseFeed("", FeedParseOptions{});
  EXPECT_FALSE(feed.format.has_value());
  EXPECT_FALSE(feed.warnings.empty());
}

}  // namespace
}  // namespace gpalert
