// SqlStore's retention: Prune and CountPrunable, and what the dedup keys of pruned
// articles mean when an item is recorded (docs/STORE.md, "Retention"). The owner
// thread only, as the rest of SqlStore.
#include <algorithm>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/sql_dialect.h"
#include "store/sql_statement.h"
#include "store/sql_store.h"
#include "store/sql_transaction.h"

namespace gpalert {
namespace {

using std::chrono::seconds;

// About how many deliveries rows a digest carries ([mail] digest_max_articles is 200 by
// default), each of which a deleted outbox row updates: outbox deletions go in batches of
// batch_rows / this messages.
constexpr std::size_t kDeliveriesPerMessage = 100;

// A pruned article's last_seen moves on when a source lists it again, at most once a
// day (a feed polled every few minutes does not write on every poll).
constexpr seconds kRelistedAgain{86400};

// What each step removes, as WHERE clauses that Prune and CountPrunable share.
// Outbox: ?1 = now - 2 x outbox (rows go), ?2 = now - outbox (sent bodies go).
constexpr std::string_view kOutboxExpired =
    "(state = 'sent' AND sent_at < ?1) OR (state = 'parked' AND created < ?1)";
constexpr std::string_view kOutboxToEmpty =
    "state = 'sent' AND body_pruned_at IS NULL AND sent_at >= ?1 AND sent_at < ?2";
// A sent message keeps its header block (Subject, To, Date, Message-ID: what `gpalert
// outbox` shows), up to and with the CRLF that ends the last header. ?8 = now.
std::string EmptyOutboxBody(SqlEngine engine) {
  return "UPDATE outbox SET body_pruned_at = ?8, bytes = " + HeaderBlock(engine, "bytes");
}
// Dedup keys: ?1 = now - dedup.
constexpr std::string_view kKeysExpired = "last_seen < ?1";

// The articles first seen before ?1, oldest first, after the cursor (first_seen ?2,
// id ?3), at most ?4, each with whether it is pending for one of the policy's
// subscribers: alertable, first seen at or after their `since`, no deliveries row for
// them (PendingArticles' rule), and not suppressed (the digest pass skips those). The
// newest article is never one: article ids are not AUTOINCREMENT, so deleting the highest
// would let SQLite hand its id out again, and digest Message-IDs derive from article ids.
std::string ArticleCandidates(SqlEngine engine) {
  return std::string(
             "SELECT a.id, a.canonical_url, a.content_hash, a.first_seen, EXISTS ("
             "SELECT 1 FROM prune_subscribers p JOIN subscribers s ON s.email = p.email "
             "WHERE a.alertable = 1 AND a.first_seen >= s.since "
             "AND NOT EXISTS (SELECT 1 FROM suppressions x WHERE x.email = s.email) "
             "AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.subscriber = s.email AND "
             "d.article_id = a.id)) "
             "FROM articles a") +
         IndexedBy(engine, "articles_first_seen") +
         " "
         "WHERE a.first_seen < ?1 AND a.first_seen >= ?2 AND (a.first_seen > ?2 OR a.id > ?3) "
         "AND a.id < (SELECT MAX(id) FROM articles) "
         "ORDER BY a.first_seen, a.id LIMIT ?4";
}

struct Cutoffs {
  Instant outbox_rows;    // sent (by sent_at) and parked (by created) rows older than this go
  Instant outbox_bodies;  // sent rows older than this lose their body
  Instant articles;       // articles first seen before this go, unless pending
  Instant hard_cap;       // ... and before this even when pending
  Instant dedup;          // dedup keys last seen before this go
};

// Whether another batch may start: always until one has changed something (so every
// call gets on with the work, however slow the steps with nothing to do were), then
// while the budget lasts.
class PruneBudget {
 public:
  explicit PruneBudget(std::chrono::milliseconds budget)
      : budget_(budget), start_(std::chrono::steady_clock::now()) {}
  bool Allows(const PruneCounts& counts) const {
    return counts.batches == 0 || budget_.count() == 0 ||
           std::chrono::steady_clock::now() - start_ < budget_;
  }

 private:
  std::chrono::milliseconds budget_;
  std::chrono::steady_clock::time_point start_;
};

struct Candidate {
  std::int64_t id = 0;
  std::string canonical_url;
  std::optional<std::string> content_hash;
  Instant first_seen;
  bool pending = false;
};

// One Prune (apply) or CountPrunable (not) call on SqlStore's connection.
class Pruner {
 public:
  Pruner(SqlConnection* db, SqlStatementCache* statements, const RetentionPolicy& policy,
         Instant now, bool apply)
      : db_(db),
        statements_(statements),
        policy_(policy),
        now_(now),
        cut_{now - 2 * policy.outbox, now - policy.outbox, now - policy.articles,
             now - 2 * policy.articles, now - policy.dedup},
        apply_(apply),
        // An article takes its deliveries rows with it, about one per subscriber.
        article_batch_(
            std::max<std::size_t>(1, policy.batch_rows / (1 + policy.subscribers.size()))),
        budget_(policy.time_budget) {
    counts_.dry_run = !apply;
  }

  Result<PruneCounts> Run() {
    if (policy_.batch_rows == 0) return Status::InvalidArgument("retention batch_rows is 0");
    Status s = LoadSubscribers();
    if (s.ok()) {
      // Each deleted message sets the outbox_id of its articles' deliveries rows to NULL.
      s = Rows("DELETE FROM outbox", "outbox", kOutboxExpired, {cut_.outbox_rows},
               std::max<std::size_t>(1, policy_.batch_rows / kDeliveriesPerMessage),
               &counts_.outbox_deleted);
    }
    if (s.ok()) {
      s = Rows(EmptyOutboxBody(db_->engine()), "outbox", kOutboxToEmpty,
               {cut_.outbox_rows, cut_.outbox_bodies}, policy_.batch_rows, &counts_.outbox_emptied);
    }
    if (s.ok()) s = Articles();
    if (s.ok()) {
      s = Rows("DELETE FROM pruned_articles", "pruned_articles", kKeysExpired, {cut_.dedup},
               policy_.batch_rows, &counts_.dedup_keys);
    }
    if (!s.ok()) return Status::IoError("pruning " + db_->name() + ": " + s.message());
    return counts_;
  }

 private:
  // The policy's subscribers, in a table of this connection's own (TEMP: no write lock
  // on the file, gone with the connection) that ArticleCandidates joins.
  Status LoadSubscribers() {
    Status s = db_->Exec(
        "CREATE TEMP TABLE IF NOT EXISTS prune_subscribers (email TEXT PRIMARY KEY COLLATE "
        "NOCASE); DELETE FROM prune_subscribers;");
    if (!s.ok()) return s;
    auto ins = statements_->Get(
        "INSERT INTO prune_subscribers (email) VALUES (?1) ON CONFLICT DO NOTHING");
    if (!ins.ok()) return ins.status();
    for (const std::string& email : policy_.subscribers) {
      (*ins)->Reset();
      s = (*ins)->BindText(1, email).Run();
      if (!s.ok()) return s;
    }
    return Status::Ok();
  }

  // False when the time budget has run out (the call is then incomplete); else, when
  // applying, the batch's write transaction is in *tx.
  Result<bool> StartBatch(std::optional<SqlTransaction>* tx) {
    if (!budget_.Allows(counts_)) {
      counts_.complete = false;
      return false;
    }
    if (!apply_) return true;
    Result<SqlTransaction> begun = SqlTransaction::Begin(db_);
    if (!begun.ok()) return begun.status();
    tx->emplace(std::move(begun).value());
    return true;
  }

  // The rows of `table` matching `where` (its ?1, ?2 ... = `params`): applying, `change`
  // (a DELETE or an UPDATE; ?8 = now) runs on at most batch_rows of them per transaction
  // until fewer are left; counting, one COUNT(*).
  Status Rows(std::string_view change, std::string_view table, std::string_view where,
              const std::vector<Instant>& params, std::size_t per_batch, std::int64_t* counter) {
    if (!counts_.complete) return Status::Ok();
    std::string sql =
        apply_ ? std::string(change) + " WHERE id IN (SELECT id FROM " + std::string(table) +
                     " WHERE " + std::string(where) + " LIMIT ?9)"
               : "SELECT COUNT(*) FROM " + std::string(table) + " WHERE " + std::string(where);
    for (;;) {
      std::optional<SqlTransaction> tx;
      Result<bool> started = StartBatch(&tx);
      if (!started.ok() || !*started) return started.status();
      std::int64_t n = 0;
      {
        auto q = statements_->Get(sql);
        if (!q.ok()) return q.status();
        for (std::size_t i = 0; i < params.size(); ++i) {
          (*q)->BindTime(static_cast<int>(i + 1), params[i]);
        }
        if (!apply_) {
          Result<bool> row = (*q)->Step();
          if (!row.ok()) return row.status();
          *counter += (*q)->ColumnInt(0);
          return Status::Ok();
        }
        (*q)->BindTime(8, now_);  // within range even where `change` does not use it
        (*q)->BindInt(9, static_cast<std::int64_t>(per_batch));
        Status s = (*q)->Run();
        if (!s.ok()) return s;
        n = db_->Changes();
      }
      Status s = tx->Commit();
      if (!s.ok()) return s;
      if (n > 0) ++counts_.batches;
      *counter += n;
      if (static_cast<std::size_t>(n) < per_batch) return Status::Ok();
    }
  }

  // Articles past retention, article_batch_ examined per transaction; pending ones under
  // the hard cap are held (the cursor moves past them), the rest go.
  Status Articles() {
    if (!counts_.complete) return Status::Ok();
    for (;;) {
      std::optional<SqlTransaction> tx;
      Result<bool> started = StartBatch(&tx);
      if (!started.ok() || !*started) return started.status();
      std::vector<Candidate> batch;
      Status s = ReadCandidates(&batch);
      if (!s.ok()) return s;
      bool changed = false;
      for (const Candidate& c : batch) {
        cursor_seen_ = c.first_seen;
        cursor_id_ = c.id;
        if (c.pending && c.first_seen >= cut_.hard_cap) {
          ++counts_.articles_held;
          continue;
        }
        ++counts_.articles;
        if (c.pending) ++counts_.articles_forced;
        if (apply_) {
          s = DropArticle(c);
          if (!s.ok()) return s;
          changed = true;
        }
      }
      if (apply_) {
        s = tx->Commit();
        if (!s.ok()) return s;
        if (changed) ++counts_.batches;
      }
      if (batch.size() < article_batch_) return Status::Ok();
    }
  }

  Status ReadCandidates(std::vector<Candidate>* out) {
    auto q = statements_->Get(ArticleCandidates(db_->engine()));
    if (!q.ok()) return q.status();
    (*q)->BindTime(1, cut_.articles)
        .BindTime(2, cursor_seen_)
        .BindInt(3, cursor_id_)
        .BindInt(4, static_cast<std::int64_t>(article_batch_));
    for (;;) {
      Result<bool> row = (*q)->Step();
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      out->push_back(Candidate{(*q)->ColumnInt(0), (*q)->ColumnText(1), (*q)->ColumnOptionalText(2),
                               (*q)->ColumnTime(3), (*q)->ColumnBool(4)});
    }
  }

  // Deletes the article (its article_sources and deliveries rows cascade), first keeping
  // its dedup keys unless they would already have expired.
  Status DropArticle(const Candidate& c) {
    if (c.first_seen >= cut_.dedup) {
      auto keep = statements_->Get(
          "INSERT INTO pruned_articles (id, canonical_url, content_hash, last_seen) "
          "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (canonical_url) DO UPDATE SET "
          "last_seen = CASE WHEN excluded.last_seen > pruned_articles.last_seen "
          "THEN excluded.last_seen ELSE pruned_articles.last_seen END");
      if (!keep.ok()) return keep.status();
      Status s = (*keep)
                     ->BindInt(1, c.id)
                     .BindText(2, c.canonical_url)
                     .BindOptionalText(3, c.content_hash)
                     .BindTime(4, c.first_seen)
                     .Run();
      if (!s.ok()) return s;
      auto guids = statements_->Get(
          "INSERT INTO pruned_guids (source, guid, article_id) "
          "SELECT s.source, s.guid, p.id FROM article_sources s, pruned_articles p "
          "WHERE s.article_id = ?1 AND s.guid IS NOT NULL AND p.canonical_url = ?2 "
          "ON CONFLICT DO NOTHING");
      if (!guids.ok()) return guids.status();
      s = (*guids)->BindInt(1, c.id).BindText(2, c.canonical_url).Run();
      if (!s.ok()) return s;
      // The URLs of copies merged into it stay keys too. Their rows take negative ids (the
      // merge's, negated) so they never meet the id of an article pruned later.
      auto aliases = statements_->Get(
          "INSERT INTO pruned_articles (id, canonical_url, content_hash, last_seen) "
          "SELECT -m.id, m.canonical_url, NULL, ?2 FROM article_merges m WHERE m.article_id = ?1 "
          "ON CONFLICT DO NOTHING");
      if (!aliases.ok()) return aliases.status();
      s = (*aliases)->BindInt(1, c.id).BindTime(2, c.first_seen).Run();
      if (!s.ok()) return s;
    }
    Status s = DropBands(c.id);
    if (!s.ok()) return s;
    auto drop = statements_->Get("DELETE FROM articles WHERE id = ?1");
    if (!drop.ok()) return drop.status();
    return (*drop)->BindInt(1, c.id).Run();
  }

  // The article's band rows (fingerprint_bands has no foreign key): found by its band keys.
  Status DropBands(std::int64_t id) {
    auto sig = statements_->Get(
        "SELECT signature FROM article_fingerprints WHERE article_id = ?1 AND NOT EXISTS "
        "(SELECT 1 FROM band_queue WHERE article_id = ?1)");
    if (!sig.ok()) return sig.status();
    (*sig)->BindInt(1, id);
    Result<bool> row = (*sig)->Step();
    if (!row.ok()) return row.status();
    Fingerprint f;
    if (!*row || !DecodeSignature((*sig)->ColumnText(0), &f)) return Status::Ok();
    return DeleteBandRows(statements_, id, f);
  }

  SqlConnection* db_;
  SqlStatementCache* statements_;
  const RetentionPolicy& policy_;
  Instant now_;
  Cutoffs cut_;
  bool apply_;
  std::size_t article_batch_;  // articles per transaction: batch_rows rows with their deliveries
  PruneBudget budget_;
  PruneCounts counts_;
  Instant cursor_seen_{};  // the last article examined: (first_seen, id)
  std::int64_t cursor_id_ = 0;
};

}  // namespace

Result<PruneCounts> SqlStore::Prune(const RetentionPolicy& policy, Instant now) {
  Result<PruneCounts> counts = Pruner(db_.get(), &statements_, policy, now, /*apply=*/true).Run();
  // An article deleted may have had band rows waiting: the next flush checks them all (a
  // failed run may have deleted some before it stopped).
  if (!counts.ok() || counts->articles > 0) band_suspects_.all = true;
  return counts;
}

Result<PruneCounts> SqlStore::CountPrunable(const RetentionPolicy& policy, Instant now) {
  return Pruner(db_.get(), &statements_, policy, now, /*apply=*/false).Run();
}

Result<RecordOutcome> SqlStore::SeenPrunedInTransaction(std::int64_t pruned_id,
                                                        const NewArticle& article, Instant now) {
  auto touch =
      statements_.Get("UPDATE pruned_articles SET last_seen = ?2 WHERE id = ?1 AND last_seen < ?3");
  if (!touch.ok()) return touch.status();
  Status s =
      (*touch)->BindInt(1, pruned_id).BindTime(2, now).BindTime(3, now - kRelistedAgain).Run();
  if (!s.ok()) return s;
  if (article.guid) {
    // This source's GUID for it blocks the item too should its URL change later.
    auto remember = statements_.Get(
        "INSERT INTO pruned_guids (source, guid, article_id) VALUES (?1, ?2, ?3) "
        "ON CONFLICT DO NOTHING");
    if (!remember.ok()) return remember.status();
    s = (*remember)
            ->BindText(1, article.source)
            .BindText(2, *article.guid)
            .BindInt(3, pruned_id)
            .Run();
    if (!s.ok()) return s;
  }
  return RecordOutcome{0, false};
}

Result<std::set<std::string>> SqlStore::KnownDuplicateUrls(
    const std::vector<std::string>& canonical_urls) {
  std::set<std::string> pruned;
  auto q = statements_.Get(
      "SELECT 1 FROM pruned_articles WHERE canonical_url = ?1 "
      "UNION ALL SELECT 1 FROM article_merges WHERE canonical_url = ?1");
  if (!q.ok()) return q.status();
  for (const std::string& url : canonical_urls) {
    (*q)->Reset();
    (*q)->BindText(1, url);
    Result<bool> row = (*q)->Step();
    if (!row.ok()) return row.status();
    if (*row) pruned.insert(url);
  }
  return pruned;
}

}  // namespace gpalert
