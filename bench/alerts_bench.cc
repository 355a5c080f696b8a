// Benchmarks of the per-article and per-digest alert stages: URL canonicalisation,
// keyword matching and digest rendering.
#include <benchmark/benchmark.h>

#include "alerts/digest.h"
#include "alerts/matcher.h"
#include "alerts/url_canonicalizer.h"

namespace gpalert {
namespace {

void BM_CanonicalizeUrl(benchmark::State& state) {
  const std::string url =
      "HTTP://www.Example.org:80/news/./2021/../2021/12/deepening-ties/"
      "?utm_source=rss&utm_medium=feed&"
      "recordNo=1251&url=Pakistan-Reader&fbclid=IwAR0abc#comments";
  for (auto _ : state) benchmark::DoNotOptimize(CanonicalizeUrl(url));
}
BENCHMARK(BM_CanonicalizeUrl);

void BM_MatchKeywords(benchmark::State& state) {
  Subscriber s;
  s.keywords = {"Russia", "SCO", "Shanghai Cooperation Organisation", "Modi", "Xi Jinping"};
  Matcher m(s, {});
  const std::string title =
      "Deepening Pakistan-Russia ties: what the SCO summit means for South Asia";
  std::string summary;
  for (int i = 0; i < 10; ++i)
    summary += "Islamabad and Moscow have expanded cooperation in energy and defence. ";
  for (auto _ : state) benchmark::DoNotOptimize(m.MatchesKeywords(title, summary));
}
BENCHMARK(BM_MatchKeywords);

void BM_RenderDigest(benchmark::State& state) {
  Subscriber s;
  s.email = "reader@example.org";
  s.name = "A Reader";
  MailOptions mail;
  mail.unsubscribe_url = "https://alerts.example.org/unsubscribe";
  std::vector<StoredArticle> articles(state.range(0));
  for (size_t i = 0; i < articles.size(); ++i) {
    auto& a = articles[i];
    a.id = static_cast<std::int64_t>(i);
    a.sources = {"Source " + std::to_string(i % 5)};
    a.title = "Article number " + std::to_string(i) + " — on “relations” & <trade>";
    a.url = "https://example.org/view_articles.php?url=Pakistan-Reader&recordNo=" +
            std::to_string(1000 + i);
    a.author = "Abigail Miriam Fernandez";
    a.summary = std::string(400, 'x');
  }
  DigestRequest r;
  r.subscriber = &s;
  r.articles = &articles;
  r.digest_key = DigestKeyFor(articles);
  for (auto _ : state) benchmark::DoNotOptimize(RenderDigest(r, mail));
}
BENCHMARK(BM_RenderDigest)->Arg(10)->Arg(100);

}  // namespace
}  // namespace gpalert

BENCHMARK_MAIN();
