// Article identity costs: fingerprinting a body (fingerprints/s), and finding a stored
// near-duplicate as the store grows to 1,000,000 fingerprints — the LSH band index the
// daemon uses (SqlStore::FindIdentity) beside a brute-force scan of every stored
// signature in the same run. The stores are built once per size in /tmp (minutes for
// the largest; kept for later runs, keyed by size and schema) and only read here.
//
//   build/bench/dedup_bench --benchmark_filter=Lookup
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "alerts/dedup/identity.h"
#include "store/sql_store.h"

namespace gpalert {
namespace {

const Instant kT0 = *ParseRfc3339Utc("2026-01-01T00:00:00Z");

// `n` words from a 20,000-word vocabulary, reproducibly from `seed`.
std::string Body(int n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> pick(0, 19999);
  std::string out;
  out.reserve(n * 7);
  for (int i = 0; i < n; ++i) {
    out += 'w';
    out += std::to_string(pick(rng));
    out += ' ';
  }
  return out;
}

NewArticle Item(std::int64_t i, std::string body) {
  NewArticle a;
  a.source = "Source " + std::to_string(i % 100);
  a.url = "https://example.org/view_articles.php?recordNo=" + std::to_string(i);
  a.canonical_url = a.url;
  a.title = "Article number " + std::to_string(i);
  a.text = std::move(body);
  return a;
}

void BM_FingerprintArticle(benchmark::State& state) {
  std::string body = Body(static_cast<int>(state.range(0)), 1);
  for (auto _ : state) benchmark::DoNotOptimize(FingerprintArticle("A title", body));
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(body.size()));
}
BENCHMARK(BM_FingerprintArticle)->Arg(200)->Arg(800)->Arg(3000);

constexpr int kStoredWords = 200;

// The store with `n` articles of kStoredWords words each, built on first use.
SqlStore* StoreOf(std::int64_t n) {
  static std::map<std::int64_t, std::unique_ptr<SqlStore>> stores;  // bench-only cache
  auto& slot = stores[n];
  if (slot) return slot.get();
  std::string path = "/tmp/gpalert-dedup-bench-v4b-" + std::to_string(n) + ".db";
  bool fresh = !std::filesystem::exists(path);
  auto opened = SqlStore::Open(path);
  if (!opened.ok()) return nullptr;
  slot = std::move(opened).value();
  if (fresh) {
    std::vector<NewArticle> batch;
    for (std::int64_t i = 0; i < n; ++i) {
      batch.push_back(Item(i, Body(kStoredWords, static_cast<unsigned>(i + 1000))));
      if (batch.size() == 2000 || i + 1 == n) {
        slot->RecordArticles(batch, kT0);
        batch.clear();
      }
    }
  }
  return slot.get();
}

// A light edit of stored article `i`: its body with ten words changed and a note added.
NewArticle EditedCopy(std::int64_t i) {
  std::string body = Body(kStoredWords, static_cast<unsigned>(i + 1000));
  for (int k = 0; k < 10; ++k) body.replace(body.find(' ', k * 60 + 1) + 1, 1, "x");
  NewArticle a = Item(i + 50000000, body + " Note: first published elsewhere.");
  a.source = "Another source";
  return a;
}

void BM_NearDuplicateLookup(benchmark::State& state) {
  SqlStore* store = StoreOf(state.range(0));
  if (!store) return state.SkipWithError("cannot open the bench store");
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<std::int64_t> pick(0, state.range(0) - 1);
  int found = 0;
  for (auto _ : state) {
    state.PauseTiming();
    NewArticle copy = EditedCopy(pick(rng));
    state.ResumeTiming();
    auto verdict = store->FindIdentity(copy);
    found += verdict.ok() && verdict->rule == MatchRule::kNearDuplicate;
  }
  state.counters["found"] =
      benchmark::Counter(found, benchmark::Counter::kAvgIterations);  // recall, 0..1
}
BENCHMARK(BM_NearDuplicateLookup)
    ->Arg(10000)
    ->Arg(100000)
    ->Arg(1000000)
    ->Unit(benchmark::kMicrosecond);

// The baseline: every stored signature read and compared.
void BM_BruteForceScan(benchmark::State& state) {
  std::int64_t n = state.range(0);
  if (!StoreOf(n)) return state.SkipWithError("cannot open the bench store");
  std::string path = "/tmp/gpalert-dedup-bench-v4b-" + std::to_string(n) + ".db";
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    return state.SkipWithError("cannot open the bench store");
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(db, "SELECT article_id, shingles, signature FROM article_fingerprints", -1, &q,
                     nullptr);
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<std::int64_t> pick(0, n - 1);
  int found = 0;
  for (auto _ : state) {
    state.PauseTiming();
    NewArticle copy = EditedCopy(pick(rng));
    state.ResumeTiming();
    std::optional<Fingerprint> f = FingerprintArticle(copy.title, copy.text);
    double best = 0;
    Fingerprint stored;
    sqlite3_reset(q);
    while (sqlite3_step(q) == SQLITE_ROW) {
      stored.shingles = static_cast<std::uint32_t>(sqlite3_column_int64(q, 1));
      std::string_view bytes(static_cast<const char*>(sqlite3_column_blob(q, 2)),
                             static_cast<std::size_t>(sqlite3_column_bytes(q, 2)));
      if (DecodeSignature(bytes, &stored)) best = std::max(best, Similarity(*f, stored));
    }
    found += IsNearDuplicate(best, IdentityOptions{});
  }
  sqlite3_finalize(q);
  sqlite3_close(db);
  state.counters["found"] = benchmark::Counter(found, benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_BruteForceScan)->Arg(10000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace gpalert

BENCHMARK_MAIN();
