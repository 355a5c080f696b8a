// SqlStore's LSH band index upkeep: the band rows of recorded fingerprints wait in memory
// (store/pending_bands.h) and in band_queue, and are written to fingerprint_bands in
// sorted batches; the Bloom filter over band keys (store/band_key_filter.h) that spares
// most lookups a seek. Schema: store/migrations.cc, v4, v9 and v11; docs/STORE.md.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "store/sql_dialect.h"
#include "store/sql_statement.h"
#include "store/sql_store.h"

namespace gpalert {
namespace {

// The filter is built once the band seeks made without it could have read this many times
// their number of band rows: a seek into the band index costs about as much as reading
// that many rows in order (a poll's few new articles never pay for a scan of the index; a
// bulk import builds the filter early).
constexpr std::uint64_t kRowsPerSeek = 8;
// Band rows one INSERT statement of a flush writes (SQLite).
constexpr std::size_t kRowsPerInsert = 64;

}  // namespace

Status DeleteBandRows(SqlStatementCache* statements, std::int64_t id, const Fingerprint& f) {
  auto del = statements->Get("DELETE FROM fingerprint_bands WHERE band = ?1 AND article_id = ?2");
  if (!del.ok()) return del.status();
  for (std::int64_t key : BandKeys(f)) {
    (*del)->Reset();
    Status s = (*del)->BindInt(1, key).BindInt(2, id).Run();
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status SqlStore::LoadUnbandedFingerprints() {
  auto q = statements_.Get(
      "SELECT f.article_id, f.signature FROM band_queue q JOIN article_fingerprints f ON "
      "f.article_id = q.article_id ORDER BY q.article_id");
  if (!q.ok()) return q.status();
  Fingerprint f;
  std::vector<std::int64_t> unreadable;
  for (;;) {
    Result<bool> row = (*q)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const std::int64_t id = (*q)->ColumnInt(0);
    if (DecodeSignature((*q)->ColumnText(1), &f)) {
      pending_bands_.Add(id, BandKeys(f));
      // Another process on the file may have queued it and may still replace or prune
      // it: checked against the stored signature at the flush.
      band_suspects_.ids.insert(id);
      queue_loaded_ = true;
    } else {
      unreadable.push_back(id);
    }
  }
  // A signature that does not decode has no bands to wait for: it would be reloaded at
  // every open.
  for (std::int64_t id : unreadable) {
    Status s = db_->Exec("DELETE FROM band_queue WHERE article_id = " + std::to_string(id));
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status SqlStore::QueueBands(std::int64_t article_id, const Fingerprint& f) {
  AddPendingBands(article_id, f);
  // A shared store writes the rows before this transaction commits: nothing waits.
  if (engine() == SqlEngine::kPostgres) return Status::Ok();
  auto q =
      statements_.Get("INSERT INTO band_queue (article_id) VALUES (?1) ON CONFLICT DO NOTHING");
  if (!q.ok()) return q.status();
  return (*q)->BindInt(1, article_id).Run();
}

void SqlStore::SuspectBands(std::int64_t article_id) { band_suspects_.ids.insert(article_id); }

// The pending rows still wanted, sorted. Rows are trusted unless their article is a
// suspect: one whose text was replaced after its rows were added (updates in place: it has
// other keys now, and its old rows would outlive it, as Prune deletes an article's rows by
// its current keys), or any after a Prune deleted articles (one may have been pending).
// Suspects are checked against their stored fingerprint: one query per article on SQLite,
// one for the lot on PostgreSQL (each statement is a round trip there).
Result<std::vector<std::pair<std::int64_t, std::int64_t>>> SqlStore::WantedBandRows() {
  std::vector<std::pair<std::int64_t, std::int64_t>> rows = pending_bands_.rows();
  std::vector<std::int64_t> check;
  for (std::int64_t id : pending_bands_.ids()) {
    if (band_suspects_.Has(id)) check.push_back(id);
  }
  std::sort(check.begin(), check.end());
  check.erase(std::unique(check.begin(), check.end()), check.end());
  if (!check.empty()) {
    std::unordered_map<std::int64_t, std::unordered_set<std::int64_t>> current;
    auto keep = [&](std::int64_t id, const std::string& signature) {
      Fingerprint f;
      if (!DecodeSignature(signature, &f)) return;
      std::vector<std::int64_t> keys = BandKeys(f);
      current[id].insert(keys.begin(), keys.end());
    };
    if (engine() == SqlEngine::kPostgres) {
      auto q = statements_.Get(
          "SELECT article_id, signature FROM article_fingerprints WHERE article_id = "
          "ANY(?1::bigint[])");
      if (!q.ok()) return q.status();
      (*q)->BindText(1, PostgresIntArray(check));
      for (;;) {
        Result<bool> row = (*q)->Step();
        if (!row.ok()) return row.status();
        if (!*row) break;
        keep((*q)->ColumnInt(0), (*q)->ColumnText(1));
      }
    } else {
      auto q = statements_.Get("SELECT signature FROM article_fingerprints WHERE article_id = ?1");
      if (!q.ok()) return q.status();
      for (std::int64_t id : check) {
        (*q)->Reset();
        Result<bool> row = (*q)->BindInt(1, id).Step();
        if (!row.ok()) return row.status();
        if (*row) keep(id, (*q)->ColumnText(0));
      }
    }
    std::erase_if(rows, [&](const std::pair<std::int64_t, std::int64_t>& r) {
      if (!std::binary_search(check.begin(), check.end(), r.second)) return false;
      auto it = current.find(r.second);
      return it == current.end() || !it->second.count(r.first);
    });
  }
  std::sort(rows.begin(), rows.end());  // each index page written once, in order
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  return rows;
}

// PostgreSQL: the rows in a few statements (arrays), not one per row.
Status SqlStore::FlushBandsToPostgres(
    const std::vector<std::pair<std::int64_t, std::int64_t>>& rows) {
  auto band = statements_.Get(
      "INSERT INTO fingerprint_bands (band, article_id) SELECT * FROM unnest(?1::bigint[], "
      "?2::bigint[]) ON CONFLICT DO NOTHING");
  if (!band.ok()) return band.status();
  constexpr std::size_t kRowsPerStatement = 8192;
  std::vector<std::int64_t> keys, owners;
  for (std::size_t i = 0; i < rows.size();) {
    keys.clear();
    owners.clear();
    for (; i < rows.size() && keys.size() < kRowsPerStatement; ++i) {
      keys.push_back(rows[i].first);
      owners.push_back(rows[i].second);
    }
    (*band)->Reset();
    Status s =
        (*band)->BindText(1, PostgresIntArray(keys)).BindText(2, PostgresIntArray(owners)).Run();
    if (!s.ok()) return s;
  }
  // Queue rows exist there only when a store copied from SQLite left some (Open loaded them).
  if (!queue_loaded_) return Status::Ok();
  auto done = statements_.Get("DELETE FROM band_queue WHERE article_id = ANY(?1::bigint[])");
  if (!done.ok()) return done.status();
  return (*done)->BindText(1, PostgresIntArray(pending_bands_.ids())).Run();
}

Status SqlStore::FlushBandsInTransaction() {
  if (pending_bands_.ids().empty()) return Status::Ok();
  auto rows = WantedBandRows();
  if (!rows.ok()) return rows.status();
  // Checked now; those suspected later in this transaction stay suspects. Should the
  // flush fail (its caller may then not reach EndBandBatch), they are suspects again.
  flushed_suspects_.Take(&band_suspects_);
  Status s = engine() == SqlEngine::kPostgres ? FlushBandsToPostgres(*rows) : WriteBandRows(*rows);
  if (!s.ok()) {
    band_suspects_.Take(&flushed_suspects_);
    band_filter_stale_ = true;
  }
  return s;
}

// SQLite: the rows, their queue entries gone, and the filter saved.
Status SqlStore::WriteBandRows(const std::vector<std::pair<std::int64_t, std::int64_t>>& rows) {
  // kRowsPerInsert rows a statement (the rest one by one): a statement's step, reset and
  // binds cost about as much as the row's insert.
  auto insert = [&](std::size_t rows_per) {
    std::string sql = "INSERT INTO fingerprint_bands (band, article_id) VALUES ";
    for (std::size_t i = 0; i < rows_per; ++i) {
      sql +=
          (i ? ", (?" : "(?") + std::to_string(2 * i + 1) + ", ?" + std::to_string(2 * i + 2) + ")";
    }
    return statements_.Get(sql + " ON CONFLICT DO NOTHING");
  };
  auto many = insert(kRowsPerInsert);
  auto one = insert(1);
  if (!many.ok()) return many.status();
  if (!one.ok()) return one.status();
  for (std::size_t i = 0; i < rows.size();) {
    const std::size_t n = rows.size() - i >= kRowsPerInsert ? kRowsPerInsert : 1;
    SqlStatement* q = n == 1 ? &**one : &**many;
    q->Reset();
    for (std::size_t j = 0; j < n; ++j, ++i) {
      q->BindInt(static_cast<int>(2 * j + 1), rows[i].first)
          .BindInt(static_cast<int>(2 * j + 2), rows[i].second);
    }
    Status s = q->Run();
    if (!s.ok()) return s;
  }
  auto done = statements_.Get("DELETE FROM band_queue WHERE article_id = ?1");
  if (!done.ok()) return done.status();
  for (std::int64_t id : pending_bands_.ids()) {
    (*done)->Reset();
    Status s = (*done)->BindInt(1, id).Run();
    if (!s.ok()) return s;
  }
  return SaveBandFilter();
}

void SqlStore::AddPendingBands(std::int64_t article_id, const Fingerprint& f) {
  std::vector<std::int64_t> keys = BandKeys(f);
  if (band_filter_built_) {
    for (std::int64_t key : keys) band_filter_.Add(key);
  }
  pending_bands_.Add(article_id, keys);
}

Result<bool> SqlStore::BandFilterWanted() {
  if (band_filter_built_) return true;
  if (!band_filter_row_checked_) {
    band_filter_row_checked_ = true;
    Result<bool> loaded = LoadBandFilter();
    if (!loaded.ok() || *loaded) return loaded;
  }
  if (!band_rows_estimate_) {
    Result<std::uint64_t> articles = ArticleEstimate();
    if (!articles.ok()) return articles.status();
    band_rows_estimate_ = *articles * kBands;
  }
  if (unfiltered_seeks_ * kRowsPerSeek < *band_rows_estimate_) return false;
  Status built = RebuildBandFilter();
  if (!built.ok()) return built;
  return true;
}

Result<std::uint64_t> SqlStore::ArticleEstimate() {
  // The highest id bounds the fingerprints (one index seek, where a count reads them all).
  Result<SqlStatement> q = Prepare("SELECT COALESCE(MAX(article_id), 0) FROM article_fingerprints");
  if (!q.ok()) return q.status();
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  return *row ? static_cast<std::uint64_t>(std::max<std::int64_t>(q->ColumnInt(0), 0)) : 0;
}

Result<std::optional<std::int64_t>> SqlStore::SavedBandFilterGeneration() {
  auto q = statements_.Get("SELECT generation FROM band_filter WHERE id = 1");
  if (!q.ok()) return q.status();
  Result<bool> row = (*q)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>((*q)->ColumnInt(0));
}

Result<bool> SqlStore::LoadBandFilter() {
  // Rare (once per connection, or per flush when another process flushed): not cached.
  Result<SqlStatement> q =
      Prepare("SELECT generation, capacity, keys, bits FROM band_filter WHERE id = 1");
  if (!q.ok()) return q.status();
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return false;
  std::int64_t capacity = q->ColumnInt(1), keys = q->ColumnInt(2);
  std::optional<BandKeyFilter> filter;
  if (capacity > 0 && keys >= 0) {
    filter = BandKeyFilter::Decode(q->ColumnText(3), static_cast<std::size_t>(capacity),
                                   static_cast<std::size_t>(keys));
  }
  if (!filter || filter->full()) return false;  // unreadable or due for a larger one: rebuilt
  band_filter_ = std::move(*filter);
  // The saved filter holds the table's keys as of its flush; what waits is added here.
  for (const auto& [key, id] : pending_bands_.rows()) band_filter_.Add(key);
  band_filter_built_ = true;
  band_filter_generation_ = q->ColumnInt(0);
  return true;
}

// Inside the flush's transaction, once its rows are in the table: the filter saved is a
// superset of the table's keys. This connection's filter is one when it descends from the
// saved generation (it holds every key added since); when another process flushed since,
// the saved one is read back and what waits here added; with none saved, the table is
// read.
Status SqlStore::SaveBandFilter() {
  Result<std::optional<std::int64_t>> saved = SavedBandFilterGeneration();
  if (!saved.ok()) return saved.status();
  if (!band_filter_built_ || band_filter_stale_ || band_filter_generation_ != *saved) {
    band_filter_stale_ = false;
    band_filter_built_ = false;
    Result<bool> loaded = *saved ? LoadBandFilter() : Result<bool>(false);
    if (!loaded.ok()) return loaded.status();
    if (!*loaded) {
      Status s = RebuildBandFilter(/*pending_flushed=*/true);
      if (!s.ok()) return s;
    }
  }
  // Past half full it is made anew at twice the keys there are (a scan of the table, as
  // rare as the doublings): a process that reads it back adds what waits in its queue,
  // and one saved nearly full would be rebuilt by every process soon after it starts.
  if (band_filter_.keys() * 2 > band_filter_.capacity()) {
    Status s = RebuildBandFilter(/*pending_flushed=*/true);
    if (!s.ok()) return s;
  }
  const std::int64_t generation = saved->value_or(0) + 1;
  auto put = statements_.Get(
      "INSERT INTO band_filter (id, generation, capacity, keys, bits) VALUES (1, ?1, ?2, ?3, ?4) "
      "ON CONFLICT (id) DO UPDATE SET generation = excluded.generation, capacity = "
      "excluded.capacity, keys = excluded.keys, bits = excluded.bits");
  if (!put.ok()) return put.status();
  Status s = (*put)
                 ->BindInt(1, generation)
                 .BindInt(2, static_cast<std::int64_t>(band_filter_.capacity()))
                 .BindInt(3, static_cast<std::int64_t>(band_filter_.keys()))
                 .BindBlob(4, band_filter_.Encode())
                 .Run();
  if (!s.ok()) return s;
  // Should this transaction roll back, EndBandBatch marks the filter stale: the next
  // flush reads the saved one back (this one, holding more keys, stays right meanwhile;
  // the generation alone could meet another process's next save).
  band_filter_generation_ = generation;
  return Status::Ok();
}

Status SqlStore::RebuildBandFilter(bool pending_flushed) {
  // Rare (once per doubling): prepared here, not kept in the statement cache.
  Result<std::uint64_t> articles = ArticleEstimate();
  if (!articles.ok()) return articles.status();
  // Read before the table: a flush by another process after this read makes the two
  // differ, and the next flush here reads the saved filter back.
  Result<std::optional<std::int64_t>> saved = SavedBandFilterGeneration();
  if (!saved.ok()) return saved.status();
  // Room for twice the keys there are; made at a flush (the waiting rows are in the table
  // then, and the highest id counts them), for four times: the next doubling.
  BandKeyFilter filter(pending_flushed ? 4 * *articles * kBands
                                       : 2 * (*articles + pending_bands_.articles()) * kBands);
  Result<SqlStatement> keys = Prepare("SELECT band FROM fingerprint_bands");
  if (!keys.ok()) return keys.status();
  for (;;) {
    Result<bool> row = keys->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    filter.Add(keys->ColumnInt(0));
  }
  if (!pending_flushed) {
    for (const auto& [key, id] : pending_bands_.rows()) filter.Add(key);
  }
  band_filter_ = std::move(filter);
  band_filter_built_ = true;
  band_filter_stale_ = false;
  band_filter_generation_ = *saved;  // it holds every key the saved one does, and more
  return Status::Ok();
}

Result<SqlStore::BandBatch> SqlStore::BeginBandBatch() {
  if (band_filter_built_ && band_filter_.full()) {
    Status s = RebuildBandFilter();
    if (!s.ok()) return s;
  }
  BandBatch batch;
  batch.start = pending_bands_.mark();
  if (engine() == SqlEngine::kPostgres) {
    // Held to the transaction's end. Any key; the one beside the migration lock's.
    Status s = db_->Exec("SELECT pg_advisory_xact_lock(" + std::to_string(kIdentityLockKey) + ")");
    if (!s.ok()) return s;
  }
  if (pending_bands_.articles() >= band_flush_articles_) {
    Status s = FlushBandsInTransaction();
    if (!s.ok()) return s;
    batch.flushed = true;
  }
  return batch;
}

Status SqlStore::FinishBandBatch(BandBatch* batch) {
  if (engine() != SqlEngine::kPostgres) return Status::Ok();
  Status s = FlushBandsInTransaction();
  if (s.ok()) batch->flushed_through = pending_bands_.mark();
  return s;
}

void SqlStore::EndBandBatch(const BandBatch& batch, bool committed) {
  if (!committed) {
    pending_bands_.RollbackTo(batch.start);
    band_filter_stale_ = true;
    // The flush did not happen: what it checked is suspect again.
    band_suspects_.Take(&flushed_suspects_);
  } else if (batch.flushed_through) {
    pending_bands_.DropBefore(*batch.flushed_through);
    queue_loaded_ = false;
  } else if (batch.flushed) {
    pending_bands_.DropBefore(batch.start);
    queue_loaded_ = false;
  }
  flushed_suspects_ = {};
}

}  // namespace gpalert
