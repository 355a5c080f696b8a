// Feed parsing speed on one document: ParseFeed (decode, entity rewrite, libxml2 parse,
// RSS reading, HTML sanitising, JSON-ready values) beside libxml2's bare parse of the
// same bytes. The document is $FEED_BENCH_FILE, or a generated 5,000-item RSS 2.0 feed
// with HTML descriptions (bench/feed-bench generates the same shape).
#include <benchmark/benchmark.h>
#include <libxml/parser.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "parsers/feed/feed_json.h"
#include "parsers/feed/feed_parser.h"

namespace {

std::string GenerateFeed(int items) {
  std::string doc =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>Bench feed</title>"
      "<link>https://example.org/</link><description>Generated</description>\n";
  for (int i = 0; i < items; ++i) {
    std::string n = std::to_string(i);
    doc += "<item><title>Item " + n +
           ": a headline about things &amp; stuff</title>"
           "<link>https://example.org/articles/" +
           n +
           "?utm_source=rss</link>"
           "<guid isPermaLink=\"false\">urn:bench:" +
           n +
           "</guid>"
           "<pubDate>Mon, 05 Jan 2004 08:00:00 GMT</pubDate><dc:creator>Author " +
           n +
           "</dc:creator><category>news</category>"
           "<description>&lt;p&gt;Paragraph &lt;b&gt;one&lt;/b&gt; of item " +
           n + " with a &lt;a href=\"/rel/" + n +
           "\" onclick=\"x()\"&gt;link&lt;/a&gt; and an "
           "&lt;img src=\"https://example.org/i/" +
           n +
           ".png\" alt=\"pic\"&gt;.&lt;/p&gt;"
           "&lt;p style=\"color: red; margin: 0\"&gt;Second paragraph with &lt;em&gt;emphasis"
           "&lt;/em&gt;, &lt;code&gt;code&lt;/code&gt; and some ordinary text to make the "
           "description longer, as real feeds do.&lt;/p&gt;&lt;script&gt;track()&lt;/script&gt;"
           "</description></item>\n";
  }
  doc += "</channel></rss>\n";
  return doc;
}

const std::string& Document() {
  static const std::string doc = [] {
    if (const char* path = std::getenv("FEED_BENCH_FILE")) {
      std::ifstream in(path, std::ios::binary);
      std::ostringstream s;
      s << in.rdbuf();
      if (!s.str().empty()) return s.str();
    }
    return GenerateFeed(5000);
  }();
  return doc;
}

void BM_ParseFeed(benchmark::State& state) {
  const std::string& doc = Document();
  gpalert::FeedParseOptions options;
  options.url = "https://example.org/feed.xml";
  for (auto _ : state) {
    gpalert::ParsedFeed feed = gpalert::ParseFeed(doc, options);
    benchmark::DoNotOptimize(feed.entries.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * doc.size());
}
BENCHMARK(BM_ParseFeed)->Unit(benchmark::kMillisecond);

void BM_ParseFeedToJson(benchmark::State& state) {
  const std::string& doc = Document();
  gpalert::FeedParseOptions options;
  options.url = "https://example.org/feed.xml";
  for (auto _ : state) {
    std::string out = gpalert::FeedToJsonText(gpalert::ParseFeed(doc, options));
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * doc.size());
}
BENCHMARK(BM_ParseFeedToJson)->Unit(benchmark::kMillisecond);

void BM_LibxmlBareParse(benchmark::State& state) {
  const std::string& doc = Document();
  for (auto _ : state) {
    xmlDocPtr d = xmlReadMemory(doc.data(), static_cast<int>(doc.size()), nullptr, "UTF-8",
                                XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT);
    benchmark::DoNotOptimize(d);
    xmlFreeDoc(d);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * doc.size());
}
BENCHMARK(BM_LibxmlBareParse)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
