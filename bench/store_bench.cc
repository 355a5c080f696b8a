// SqlStore costs on a real file: recording articles (new and duplicate; one by one and
// as a poll's batch), listing a subscriber's pending articles as the store grows, and one
// digest commit.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "store/sql_store.h"

namespace gpalert {
namespace {

const Instant kT0 = *ParseRfc3339Utc("2026-01-01T00:00:00Z");

// A fresh store in its own temporary directory, removed afterwards.
class BenchStore {
 public:
  BenchStore() {
    std::string tmpl = "/tmp/gpalert-bench-XXXXXX";
    dir_ = mkdtemp(tmpl.data()) != nullptr ? tmpl : "";
    store_ = std::move(SqlStore::Open(dir_ + "/state.db")).value();
  }
  ~BenchStore() {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  SqlStore* operator->() { return store_.get(); }

 private:
  std::string dir_;
  std::unique_ptr<SqlStore> store_;
};

NewArticle Item(int i) {
  NewArticle a;
  a.source = "Source " + std::to_string(i % 10);
  a.url = "https://example.org/view_articles.php?recordNo=" + std::to_string(i);
  a.canonical_url = a.url;
  a.guid = "guid-" + std::to_string(i);
  a.title = "Article number " + std::to_string(i);
  a.summary = std::string(300, 's');
  return a;
}

void BM_RecordNewArticle(benchmark::State& state) {
  BenchStore store;
  int i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(store->RecordArticle(Item(i++), kT0));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RecordNewArticle);

void BM_RecordDuplicateArticle(benchmark::State& state) {
  BenchStore store;
  for (int i = 0; i < 1000; ++i) (void)store->RecordArticle(Item(i), kT0);
  int i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(store->RecordArticle(Item(i++ % 1000), kT0));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RecordDuplicateArticle);

// One poll of a 20-item feed, all new: 20 RecordArticle calls (a transaction each) ...
void BM_RecordTwentyArticlesOneByOne(benchmark::State& state) {
  BenchStore store;
  int n = 0;
  for (auto _ : state) {
    for (int i = 0; i < 20; ++i) benchmark::DoNotOptimize(store->RecordArticle(Item(n++), kT0));
  }
  state.SetItemsProcessed(state.iterations() * 20);
}
BENCHMARK(BM_RecordTwentyArticlesOneByOne);

// ... against one RecordArticles batch (one transaction, cached statements).
void BM_RecordTwentyArticlesAsOneBatch(benchmark::State& state) {
  BenchStore store;
  int n = 0;
  std::vector<NewArticle> batch(20);
  for (auto _ : state) {
    for (NewArticle& a : batch) a = Item(n++);
    benchmark::DoNotOptimize(store->RecordArticles(batch, kT0));
  }
  state.SetItemsProcessed(state.iterations() * 20);
}
BENCHMARK(BM_RecordTwentyArticlesAsOneBatch);

// Pending list of a subscriber whose filter matched none of N stored articles.
void BM_PendingArticles(benchmark::State& state) {
  BenchStore store;
  (void)store->EnsureSubscriber("r@example.org", kT0);
  for (int i = 0; i < state.range(0); ++i) (void)store->RecordArticle(Item(i), kT0);
  for (auto _ : state) {
    benchmark::DoNotOptimize(store->PendingArticles("r@example.org"));
  }
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_PendingArticles)->Arg(100)->Arg(1000)->Arg(10000);

void BM_CommitDigestOfTwentyArticles(benchmark::State& state) {
  BenchStore store;
  int n = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::string email = "r" + std::to_string(n) + "@example.org";
    (void)store->EnsureSubscriber(email, kT0);
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 20; ++i)
      ids.push_back(store->RecordArticle(Item(n * 20 + i), kT0)->article_id);
    OutboxMessage m;
    m.subscriber = email;
    m.message_id = "<" + std::to_string(n++) + "@bench>";
    m.bytes = std::string(20000, 'x');
    state.ResumeTiming();
    benchmark::DoNotOptimize(store->CommitDigest(email, ids, m, kT0));
  }
}
BENCHMARK(BM_CommitDigestOfTwentyArticles);

}  // namespace
}  // namespace gpalert

BENCHMARK_MAIN();
