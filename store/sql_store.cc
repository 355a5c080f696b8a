#include "store/sql_store.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>

#include "common/fault_point.h"
#include "store/migrations.h"
#include "store/pg_connection.h"
#include "store/sql_dialect.h"
#include "store/sql_statement.h"
#include "store/sql_transaction.h"
#include "store/sqlite_connection.h"

namespace gpalert {
namespace {

// Column lists shared by the SELECTs and their row readers; keep both in step.
constexpr std::string_view kArticleColumns =
    "a.id, a.url, a.canonical_url, a.guid, a.title, a.author, a.summary, a.published, "
    "a.first_seen, a.alertable, a.version";
constexpr std::string_view kOutboxColumns =
    "id, subscriber, message_id, bytes, state, attempts, next_try, last_error, created, sent_at, "
    "body_pruned_at, kind";
constexpr std::string_view kSourceColumns =
    "name, url, etag, last_modified, last_poll, last_success, next_due, consecutive_failures, "
    "last_http_status, last_status, last_error, moved_to, items_seen, first_poll_done";
// SourceFromRow reads those, then the lease (written by ClaimSource only).
constexpr std::string_view kSourceLease = ", leased_by, lease_until";

std::string Sql(std::string_view a, std::string_view b = {}, std::string_view c = {}) {
  std::string s(a);
  s += b;
  s += c;
  return s;
}

StoredArticle ArticleFromRow(const SqlStatement& q) {
  StoredArticle a;
  a.id = q.ColumnInt(0);
  a.url = q.ColumnText(1);
  a.canonical_url = q.ColumnText(2);
  a.guid = q.ColumnOptionalText(3);
  a.title = q.ColumnText(4);
  a.author = q.ColumnOptionalText(5);
  a.summary = q.ColumnOptionalText(6);
  a.published = q.ColumnOptionalTime(7);
  a.first_seen = q.ColumnTime(8);
  a.alertable = q.ColumnBool(9);
  a.version = static_cast<int>(q.ColumnInt(10));
  return a;
}

OutboxState OutboxStateFromName(const std::string& name) {
  if (name == "sent") return OutboxState::kSent;
  if (name == "parked") return OutboxState::kParked;
  return OutboxState::kPending;
}

OutboxMessage OutboxFromRow(const SqlStatement& q) {
  OutboxMessage m;
  m.id = q.ColumnInt(0);
  m.subscriber = q.ColumnText(1);
  m.message_id = q.ColumnText(2);
  m.bytes = q.ColumnText(3);
  m.state = OutboxStateFromName(q.ColumnText(4));
  m.attempts = static_cast<int>(q.ColumnInt(5));
  m.next_try = q.ColumnOptionalTime(6);
  m.last_error = q.ColumnOptionalText(7);
  m.created = q.ColumnTime(8);
  m.sent = q.ColumnOptionalTime(9);
  m.body_pruned = q.ColumnOptionalTime(10);
  m.transactional = q.ColumnText(11) == "transactional";
  return m;
}

SourceState SourceFromRow(const SqlStatement& q) {
  SourceState s;
  s.name = q.ColumnText(0);
  s.url = q.ColumnText(1);
  s.etag = q.ColumnOptionalText(2);
  s.last_modified = q.ColumnOptionalText(3);
  s.last_poll = q.ColumnOptionalTime(4);
  s.last_success = q.ColumnOptionalTime(5);
  s.next_due = q.ColumnOptionalTime(6);
  s.consecutive_failures = static_cast<int>(q.ColumnInt(7));
  s.last_http_status = static_cast<long>(q.ColumnInt(8));
  s.last_status = q.ColumnText(9);
  s.last_error = q.ColumnOptionalText(10);
  s.moved_to = q.ColumnOptionalText(11);
  s.items_seen = q.ColumnInt(12);
  s.first_poll_done = q.ColumnBool(13);
  s.leased_by = q.ColumnOptionalText(14);
  s.lease_until = q.ColumnOptionalTime(15);
  return s;
}

// Steps `q` to the end, turning each row into a T with `from_row`.
template <typename T, typename FromRow>
Result<std::vector<T>> CollectRows(SqlStatement* q, FromRow from_row) {
  std::vector<T> out;
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back(from_row(*q));
  }
}

Status WithContext(const Status& s, const std::string& context) {
  if (s.ok()) return s;
  return Status::IoError(context + ": " + s.message());
}

}  // namespace

Result<std::unique_ptr<SqlStore>> SqlStore::Open(const std::string& path,
                                                 const SqlStoreOptions& options) {
  Result<std::unique_ptr<SqliteConnection>> db =
      SqliteConnection::Open(path, options.create_if_missing, options.busy_timeout);
  if (!db.ok()) return db.status();
  return OpenOn(std::move(db).value(), options,
                "if this file is not gpalert's, move it away or set another state_dir");
}

Result<std::unique_ptr<SqlStore>> SqlStore::OpenPostgres(const PgConnectOptions& connect,
                                                         const SqlStoreOptions& options) {
  Result<std::unique_ptr<PgConnection>> db = PgConnection::Open(connect);
  if (!db.ok()) return db.status();
  return OpenOn(std::move(db).value(), options,
                "check that [store] url names a database for gpalert alone");
}

Result<std::unique_ptr<SqlStore>> SqlStore::OpenOn(std::unique_ptr<SqlConnection> db,
                                                   const SqlStoreOptions& options,
                                                   std::string_view hint) {
  std::string name = db->name();
  Status s = ApplyMigrations(db.get(), Migrations(), NowSeconds(), options.create_if_missing);
  if (!s.ok()) {
    if (s.code() == Status::Code::kNotFound) return s;
    return Status::IoError("cannot use state database " + name + " (" + s.message() + "); " +
                           std::string(hint));
  }
  std::unique_ptr<SqlStore> store(new SqlStore(std::move(db), options));
  s = store->LoadUnbandedFingerprints();
  if (!s.ok()) return WithContext(s, "reading " + name);
  return store;
}

Result<SqlStatement> SqlStore::Prepare(std::string_view sql) { return db_->Prepare(sql); }

// ---- Sources ----

Result<std::vector<SourceState>> SqlStore::ReadSources(SqlStatement* q) {
  return CollectRows<SourceState>(q, SourceFromRow);
}

Result<std::optional<SourceState>> SqlStore::GetSource(const std::string& name) {
  auto q = statements_.Get(
      Sql("SELECT ", kSourceColumns, Sql(kSourceLease, " FROM sources WHERE name = ?1")));
  if (!q.ok()) return q.status();
  (*q)->BindText(1, name);
  Result<std::vector<SourceState>> rows = ReadSources(&**q);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<SourceState>();
  return std::optional<SourceState>(std::move(rows->front()));
}

Status SqlStore::PutSource(const SourceState& st) {
  // Cached: every poll ends here. Autocommit, so one transaction (one WAL sync) per poll.
  auto q = statements_.Get(
      Sql("INSERT INTO sources (", kSourceColumns,
          ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
          "ON CONFLICT (name) DO UPDATE SET url = ?2, etag = ?3, last_modified = ?4, "
          "last_poll = ?5, last_success = ?6, next_due = ?7, consecutive_failures = ?8, "
          "last_http_status = ?9, last_status = ?10, last_error = ?11, moved_to = ?12, "
          "items_seen = ?13, first_poll_done = ?14, leased_by = NULL, lease_until = NULL"));
  if (!q.ok()) return q.status();
  (*q)->BindText(1, st.name)
      .BindText(2, st.url)
      .BindOptionalText(3, st.etag)
      .BindOptionalText(4, st.last_modified)
      .BindOptionalTime(5, st.last_poll)
      .BindOptionalTime(6, st.last_success)
      .BindOptionalTime(7, st.next_due)
      .BindInt(8, st.consecutive_failures)
      .BindInt(9, st.last_http_status)
      .BindText(10, st.last_status)
      .BindOptionalText(11, st.last_error)
      .BindOptionalText(12, st.moved_to)
      .BindInt(13, st.items_seen)
      .BindBool(14, st.first_poll_done);
  return WithContext((*q)->Run(), "saving source \"" + st.name + "\"");
}

Result<std::vector<SourceState>> SqlStore::ListSources() {
  Result<SqlStatement> q =
      Prepare(Sql("SELECT ", kSourceColumns, Sql(kSourceLease, " FROM sources ORDER BY name")));
  if (!q.ok()) return q.status();
  return ReadSources(&*q);
}

// ---- Articles ----

Result<std::vector<StoredArticle>> SqlStore::ReadArticles(SqlStatement* q) {
  Result<std::vector<StoredArticle>> articles = CollectRows<StoredArticle>(q, ArticleFromRow);
  if (!articles.ok() || articles->empty()) return articles;
  // One range scan over article_sources' primary key fills every article's source list
  // (a query per article made long pending lists slow: see bench/store_bench.cc).
  std::unordered_map<std::int64_t, StoredArticle*> by_id;
  std::int64_t lo = articles->front().id;
  std::int64_t hi = lo;
  for (StoredArticle& a : *articles) {
    by_id[a.id] = &a;
    lo = std::min(lo, a.id);
    hi = std::max(hi, a.id);
  }
  Result<SqlStatement> src = Prepare(
      "SELECT article_id, source FROM article_sources WHERE article_id BETWEEN ?1 AND ?2 "
      "ORDER BY article_id, rowid");
  if (!src.ok()) return src.status();
  src->BindInt(1, lo).BindInt(2, hi);
  for (;;) {
    Result<bool> row = src->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    auto it = by_id.find(src->ColumnInt(0));
    if (it != by_id.end()) it->second->sources.push_back(src->ColumnText(1));
  }
  return articles;
}

namespace {

Status CheckRecordable(const NewArticle& article) {
  if (article.source.empty() || article.canonical_url.empty()) {
    return Status::InvalidArgument(
        "cannot record an article without a source name and a "
        "canonical URL (url \"" +
        article.url + "\")");
  }
  return Status::Ok();
}

std::string RecordContext(const NewArticle& article) {
  return "recording " + article.canonical_url + " from \"" + article.source + "\"";
}

}  // namespace

Result<RecordOutcome> SqlStore::RecordArticle(const NewArticle& article, Instant now) {
  Status valid = CheckRecordable(article);
  if (!valid.ok()) return valid;
  Result<SqlTransaction> tx = SqlTransaction::Begin(db_.get());
  if (!tx.ok()) return tx.status();
  Result<BandBatch> bands = BeginBandBatch();
  if (!bands.ok()) return WithContext(bands.status(), RecordContext(article));
  Result<RecordOutcome> outcome = RecordInTransaction(article, now);
  Status s = outcome.ok() ? FinishBandBatch(&*bands) : outcome.status();
  if (s.ok()) s = tx->Commit();
  EndBandBatch(*bands, s.ok());
  if (!s.ok()) return WithContext(s, RecordContext(article));
  return outcome;
}

std::vector<Result<RecordOutcome>> SqlStore::RecordArticles(const std::vector<NewArticle>& articles,
                                                            Instant now) {
  std::vector<Result<RecordOutcome>> out;
  out.reserve(articles.size());
  for (const NewArticle& a : articles) {
    Status valid = CheckRecordable(a);
    out.push_back(valid.ok() ? Result<RecordOutcome>(RecordOutcome{})
                             : Result<RecordOutcome>(valid));
  }
  // A database failure anywhere fails every valid item of the batch (the rollback undid
  // them all), each message naming its own item and the cause.
  auto fail_all = [&](const Status& cause, const std::string& where) {
    for (std::size_t i = 0; i < articles.size(); ++i) {
      if (out[i].ok()) {
        out[i] =
            WithContext(cause, RecordContext(articles[i]) + " (batch of " +
                                   std::to_string(articles.size()) + " rolled back" + where + ")");
      }
    }
    return out;
  };
  if (articles.empty()) return out;
  Result<SqlTransaction> tx = SqlTransaction::Begin(db_.get());
  if (!tx.ok()) return fail_all(tx.status(), "");
  Result<BandBatch> bands = BeginBandBatch();
  if (!bands.ok()) return fail_all(bands.status(), " writing the band index");
  for (std::size_t i = 0; i < articles.size(); ++i) {
    if (!out[i].ok()) continue;
    Result<RecordOutcome> outcome = RecordInTransaction(articles[i], now);
    if (!outcome.ok()) {
      EndBandBatch(*bands, false);
      return fail_all(outcome.status(), " at " + RecordContext(articles[i]));
    }
    FaultPoint("inside-store-transaction");
    out[i] = std::move(outcome);
  }
  Status committed = FinishBandBatch(&*bands);
  if (committed.ok()) committed = tx->Commit();
  EndBandBatch(*bands, committed.ok());
  if (!committed.ok()) return fail_all(committed, "");
  return out;
}

Result<std::optional<StoredArticle>> SqlStore::GetArticle(std::int64_t id) {
  Result<SqlStatement> q =
      Prepare(Sql("SELECT ", kArticleColumns, " FROM articles a WHERE a.id = ?1"));
  if (!q.ok()) return q.status();
  q->BindInt(1, id);
  Result<std::vector<StoredArticle>> rows = ReadArticles(&*q);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<StoredArticle>();
  return std::optional<StoredArticle>(std::move(rows->front()));
}

Result<std::vector<StoredArticle>> SqlStore::RecentArticles(const std::string& source, int limit) {
  // Per source, the walk starts from article_sources' (source, seen_at) index and sorts
  // only that source's rows; a single query with "?1 = '' OR ..." scanned every article.
  Result<SqlStatement> q =
      source.empty()
          ? Prepare(Sql("SELECT ", kArticleColumns,
                        " FROM articles a ORDER BY a.first_seen DESC, a.id DESC LIMIT ?2"))
          : Prepare(Sql("SELECT ", kArticleColumns,
                        " FROM article_sources s" + IndexedBy(engine(), "article_sources_source") +
                            " JOIN articles a ON a.id = s.article_id WHERE s.source = ?1 "
                            "ORDER BY a.first_seen DESC, a.id DESC LIMIT ?2"));
  if (!q.ok()) return q.status();
  if (!source.empty()) q->BindText(1, source);
  q->BindInt(2, limit);
  return ReadArticles(&*q);
}

// ---- Subscribers and digests ----

Result<SubscriberState> SqlStore::EnsureSubscriber(const std::string& email, Instant now) {
  Result<SqlStatement> ins = Prepare(
      "INSERT INTO subscribers (email, since, created) VALUES (?1, ?2, ?2) ON CONFLICT DO NOTHING");
  if (!ins.ok()) return ins.status();
  ins->BindText(1, email).BindTime(2, now);
  Status s = ins->Run();
  if (!s.ok()) return WithContext(s, "registering subscriber " + email);
  Result<std::optional<SubscriberState>> got = GetSubscriber(email);
  if (!got.ok()) return got.status();
  if (!*got) return Status::Internal("subscriber " + email + " vanished after registration");
  return **got;
}

Status SqlStore::SetLastDigest(const std::string& email, Instant when) {
  Result<SqlStatement> q = Prepare("UPDATE subscribers SET last_digest = ?2 WHERE email = ?1");
  if (!q.ok()) return q.status();
  q->BindText(1, email).BindTime(2, when);
  Status s = q->Run();
  if (!s.ok()) return WithContext(s, "setting last digest of " + email);
  if (db_->Changes() == 0) return Status::NotFound("no subscriber " + email + " in " + name());
  return Status::Ok();
}

Result<std::vector<StoredArticle>> SqlStore::PendingArticles(const std::string& email) {
  Result<SqlStatement> q =
      Prepare(Sql("SELECT ", kArticleColumns,
                  " FROM articles a JOIN subscribers s ON s.email = ?1 "
                  "WHERE a.alertable = 1 "
                  // New since they subscribed, or changed since (alert_updates)...
                  "AND (a.first_seen >= s.since OR (a.version > 0 AND a.updated_at >= s.since)) "
                  // ...and not delivered (or skipped) in this version.
                  "AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.subscriber = s.email AND "
                  "d.article_id = a.id AND d.version >= a.version) "
                  "ORDER BY a.first_seen, a.id"));
  if (!q.ok()) return q.status();
  q->BindText(1, email);
  return ReadArticles(&*q);
}

Result<std::int64_t> SqlStore::CommitDigest(const std::string& email,
                                            const std::vector<std::int64_t>& article_ids,
                                            const OutboxMessage& message, Instant now) {
  std::string context = "committing digest " + message.message_id + " for " + email;
  Result<SqlTransaction> tx = SqlTransaction::Begin(db_.get());
  if (!tx.ok()) return tx.status();

  Status s = SetLastDigest(email, now);
  if (!s.ok()) return WithContext(s, context);

  Result<SqlStatement> out = Prepare(
      "INSERT INTO outbox (message_id, subscriber, bytes, state, attempts, created) "
      "VALUES (?1, ?2, ?3, 'pending', 0, ?4) RETURNING id");
  if (!out.ok()) return out.status();
  out->BindText(1, message.message_id)
      .BindText(2, message.subscriber.empty() ? email : message.subscriber)
      .BindBlob(3, message.bytes)
      .BindTime(4, now);
  Result<std::int64_t> inserted = out->RunReturningId();
  if (!inserted.ok()) return WithContext(inserted.status(), context);
  std::int64_t outbox_id = *inserted;

  // An article updated since its last delivery (alert_updates): that delivery moves to
  // this message and version. Otherwise a new row: an article delivered in its current
  // version already fails the whole digest (primary key), as it always did.
  Result<SqlStatement> again = Prepare(
      "UPDATE deliveries SET outbox_id = ?3, delivered_at = ?4, "
      "version = (SELECT version FROM articles WHERE id = ?2) "
      "WHERE subscriber = ?1 AND article_id = ?2 AND "
      "version < (SELECT version FROM articles WHERE id = ?2)");
  if (!again.ok()) return again.status();
  Result<SqlStatement> del = Prepare(
      "INSERT INTO deliveries (subscriber, article_id, outbox_id, delivered_at, version) "
      "VALUES (?1, ?2, ?3, ?4, (SELECT version FROM articles WHERE id = ?2))");
  if (!del.ok()) return del.status();
  for (std::int64_t article_id : article_ids) {
    again->Reset();
    again->BindText(1, email).BindInt(2, article_id).BindInt(3, outbox_id).BindTime(4, now);
    s = again->Run();
    if (s.ok() && db_->Changes() == 0) {
      del->Reset();
      del->BindText(1, email).BindInt(2, article_id).BindInt(3, outbox_id).BindTime(4, now);
      s = del->Run();
    }
    if (!s.ok()) return WithContext(s, context + " (article " + std::to_string(article_id) + ")");
  }
  s = tx->Commit();
  if (!s.ok()) return WithContext(s, context);
  FaultPoint("after-outbox-row");
  return outbox_id;
}

Status SqlStore::SkipArticles(const std::string& email,
                              const std::vector<std::int64_t>& article_ids, Instant now) {
  std::string context = "settling skipped articles for " + email;
  Result<SqlTransaction> tx = SqlTransaction::Begin(db_.get());
  if (!tx.ok()) return tx.status();
  // A delivery row without an outbox message: "settled, nothing sent".
  Result<SqlStatement> q = Prepare(
      "INSERT INTO deliveries (subscriber, article_id, outbox_id, delivered_at, version) "
      "VALUES (?1, ?2, NULL, ?3, (SELECT version FROM articles WHERE id = ?2)) "
      "ON CONFLICT (subscriber, article_id) DO UPDATE SET version = excluded.version");
  if (!q.ok()) return q.status();
  for (std::int64_t article_id : article_ids) {
    q->Reset();
    q->BindText(1, email).BindInt(2, article_id).BindTime(3, now);
    Status s = q->Run();
    if (!s.ok()) return WithContext(s, context + " (article " + std::to_string(article_id) + ")");
  }
  return WithContext(tx->Commit(), context);
}

// ---- Outbox ----

Result<std::vector<OutboxMessage>> SqlStore::ReadOutbox(SqlStatement* q) {
  return CollectRows<OutboxMessage>(q, OutboxFromRow);
}

Result<std::vector<OutboxMessage>> SqlStore::DueOutbox(Instant now, int limit) {
  if (Shared()) return ClaimDueOutbox(now, limit);
  Result<SqlStatement> q =
      Prepare(Sql("SELECT ", kOutboxColumns,
                  " FROM outbox WHERE state = 'pending' AND (next_try IS NULL OR next_try <= ?1) "
                  "ORDER BY id LIMIT ?2"));
  if (!q.ok()) return q.status();
  q->BindTime(1, now).BindInt(2, limit);
  return ReadOutbox(&*q);
}

// One statement claims the due rows no live claim of another daemon holds (SKIP LOCKED:
// rows another daemon is claiming at this moment are passed over, not waited for).
Result<std::vector<OutboxMessage>> SqlStore::ClaimDueOutbox(Instant now, int limit) {
  Result<SqlStatement> q = Prepare(Sql(
      "UPDATE outbox SET claimed_by = ?3, claim_until = ?4 WHERE id IN (SELECT id FROM outbox "
      "WHERE state = 'pending' AND (next_try IS NULL OR next_try <= ?1) AND (claim_until IS NULL "
      "OR claim_until < ?1 OR claimed_by = ?3) ORDER BY id LIMIT ?2" +
          SkipLocked(engine()) + ") RETURNING ",
      kOutboxColumns));
  if (!q.ok()) return q.status();
  q->BindTime(1, now).BindInt(2, limit).BindText(3, holder_).BindTime(4, now + claim_for_);
  Result<std::vector<OutboxMessage>> rows = ReadOutbox(&*q);
  if (!rows.ok()) return WithContext(rows.status(), "claiming due outbox messages");
  std::sort(rows->begin(), rows->end(),
            [](const OutboxMessage& a, const OutboxMessage& b) { return a.id < b.id; });
  return rows;
}

Status SqlStore::UpdateOutboxRow(SqlStatement* q, std::int64_t id) {
  Status s = q->Run();
  if (!s.ok()) return WithContext(s, "updating outbox message " + std::to_string(id));
  if (db_->Changes() == 0) {
    return Status::NotFound("no outbox message " + std::to_string(id) + " in " + name());
  }
  return Status::Ok();
}

Status SqlStore::MarkSent(std::int64_t id, Instant now) {
  Result<SqlStatement> q = Prepare(
      "UPDATE outbox SET state = 'sent', attempts = attempts + 1, next_try = NULL, "
      "sent_at = ?2, claimed_by = NULL, claim_until = NULL WHERE id = ?1");
  if (!q.ok()) return q.status();
  q->BindInt(1, id).BindTime(2, now);
  return UpdateOutboxRow(&*q, id);
}

Status SqlStore::MarkRetry(std::int64_t id, Instant next_try, const std::string& error) {
  Result<SqlStatement> q = Prepare(
      "UPDATE outbox SET attempts = attempts + 1, next_try = ?2, last_error = ?3, "
      "claimed_by = NULL, claim_until = NULL WHERE id = ?1");
  if (!q.ok()) return q.status();
  q->BindInt(1, id).BindTime(2, next_try).BindText(3, error);
  return UpdateOutboxRow(&*q, id);
}

Status SqlStore::MarkParked(std::int64_t id, const std::string& error) {
  Result<SqlStatement> q = Prepare(
      "UPDATE outbox SET state = 'parked', attempts = attempts + 1, next_try = NULL, "
      "last_error = ?2, claimed_by = NULL, claim_until = NULL WHERE id = ?1");
  if (!q.ok()) return q.status();
  q->BindInt(1, id).BindText(2, error);
  return UpdateOutboxRow(&*q, id);
}

Result<int> SqlStore::ReleaseOversizedDigest(std::int64_t id, std::int64_t max_bytes) {
  std::string context = "releasing oversized outbox message " + std::to_string(id);
  Result<SqlTransaction> tx = SqlTransaction::Begin(db_.get());
  if (!tx.ok()) return tx.status();
  Result<SqlStatement> row = Prepare(
      "SELECT o.subscriber, (SELECT COUNT(*) FROM deliveries d WHERE d.outbox_id = o.id) "
      "FROM outbox o WHERE o.id = ?1 AND o.state = 'pending'");
  if (!row.ok()) return row.status();
  row->BindInt(1, id);
  Result<bool> found = row->Step();
  if (!found.ok()) return WithContext(found.status(), context);
  if (!*found) return Status::NotFound(context + ": no such pending message");
  std::string subscriber = row->ColumnText(0);
  int articles = static_cast<int>(row->ColumnInt(1));
  if (articles < 2) return 0;
  for (const char* sql :
       {"DELETE FROM deliveries WHERE outbox_id = ?1", "DELETE FROM outbox WHERE id = ?1"}) {
    Result<SqlStatement> q = Prepare(sql);
    if (!q.ok()) return q.status();
    Status s = q->BindInt(1, id).Run();
    if (!s.ok()) return WithContext(s, context);
  }
  Result<SqlStatement> cap = Prepare(
      "UPDATE subscribers SET max_message_bytes = CASE WHEN max_message_bytes < ?2 "
      "THEN max_message_bytes ELSE ?2 END "
      "WHERE email = ?1");
  if (!cap.ok()) return cap.status();
  Status s = cap->BindText(1, subscriber).BindInt(2, max_bytes).Run();
  if (!s.ok()) return WithContext(s, context);
  s = tx->Commit();
  if (!s.ok()) return WithContext(s, context);
  return articles;
}

Result<std::vector<OutboxMessage>> SqlStore::ListOutbox(std::optional<OutboxState> state) {
  Result<SqlStatement> q =
      Prepare(Sql("SELECT ", kOutboxColumns,
                  " FROM outbox WHERE CAST(?1 AS TEXT) IS NULL OR state = ?1 ORDER BY id"));
  if (!q.ok()) return q.status();
  if (state) {
    q->BindText(1, OutboxStateName(*state));
  } else {
    q->BindNull(1);
  }
  return ReadOutbox(&*q);
}

Result<std::optional<OutboxMessage>> SqlStore::GetOutbox(std::int64_t id) {
  Result<SqlStatement> q = Prepare(Sql("SELECT ", kOutboxColumns, " FROM outbox WHERE id = ?1"));
  if (!q.ok()) return q.status();
  q->BindInt(1, id);
  Result<std::vector<OutboxMessage>> rows = ReadOutbox(&*q);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<OutboxMessage>();
  return std::optional<OutboxMessage>(std::move(rows->front()));
}

Result<int> SqlStore::RequeueOutbox(std::optional<std::int64_t> id, Instant now) {
  if (id) {
    Result<std::optional<OutboxMessage>> row = GetOutbox(*id);
    if (!row.ok()) return row.status();
    if (!*row)
      return Status::NotFound("no outbox message " + std::to_string(*id) + " in " + name());
    if ((*row)->state == OutboxState::kSent) {
      return Status::InvalidArgument("outbox message " + std::to_string(*id) +
                                     " was sent already; it is not sent again");
    }
  }
  Result<SqlStatement> q = Prepare(
      "UPDATE outbox SET state = 'pending', attempts = 0, next_try = ?2, last_error = NULL, "
      "created = ?2 WHERE state IN ('pending', 'parked') AND (CAST(?1 AS BIGINT) IS NULL OR id = "
      "?1)");
  if (!q.ok()) return q.status();
  if (id) {
    q->BindInt(1, *id);
  } else {
    q->BindNull(1);
  }
  q->BindTime(2, now);
  Status s = q->Run();
  if (!s.ok()) return WithContext(s, "requeueing outbox messages");
  return db_->Changes();
}

Result<int> SqlStore::PurgeParkedOutbox() {
  Result<SqlStatement> q = Prepare("DELETE FROM outbox WHERE state = 'parked'");
  if (!q.ok()) return q.status();
  Status s = q->Run();
  if (!s.ok()) return WithContext(s, "purging parked outbox messages");
  return db_->Changes();
}

// ---- Suppressions ----

Result<bool> SqlStore::IsSuppressed(const std::string& email) {
  Result<SqlStatement> q = Prepare("SELECT 1 FROM suppressions WHERE email = ?1");
  if (!q.ok()) return q.status();
  q->BindText(1, email);
  return q->Step();
}

}  // namespace gpalert
