// SqlStore: the Store interface in SQL, on either engine — one SQLite file (the embedded
// default: WAL journal, foreign keys on, synchronous=NORMAL, so a committed transaction
// survives a killed process and a power cut may lose the last few commits but never
// corrupts the file) or a PostgreSQL database several daemons share. The SQL is written
// once (store/sql_connection.h says the dialect); docs/STORE.md describes the schema.
// Owns one connection. Thread rule: one SqlStore is used by one thread at a time; other
// connections (the daemon's mail and HTTP threads, `gpalert sources`) may open the same
// database concurrently (SQLite: they wait up to busy_timeout for the write lock).
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_set>

#include "store/band_key_filter.h"
#include "store/pending_bands.h"
#include "store/pg_connection.h"
#include "store/sql_connection.h"
#include "store/sql_statement_cache.h"
#include "store/store.h"

namespace gpalert {

class SqlStatement;

// SqlStoreOptions::band_flush_articles by default (a plain constant: a constexpr read of
// a default-constructed SqlStoreOptions, with its std::string, is not one to clang).
inline constexpr std::size_t kDefaultBandFlushArticles = 32768;

struct SqlStoreOptions {
  // Create the file (and apply every migration) when it does not exist. Read-mostly
  // commands such as `gpalert sources` pass false so a typo does not create a new state.
  bool create_if_missing = true;
  // How long a statement waits for another process's write lock before failing.
  std::chrono::milliseconds busy_timeout{5000};
  // The near-duplicate threshold RecordArticles applies (alerts/dedup/identity.h).
  IdentityOptions identity;
  // On a shared (PostgreSQL) store: who this connection's outbox claims are for
  // ("<daemon name>/<pid>") and how long a claim lasts (a daemon that dies mid-send
  // leaves the message to the others after this).
  std::string holder = "gpalert";
  std::chrono::seconds claim_for{900};
  // Band rows wait in memory (store/pending_bands.h, about 900 bytes an article) until
  // this many articles do; then the next recording transaction writes them, sorted. Each
  // flush rewrites much of the band index, so fewer, larger flushes cost less. A shared
  // store writes each transaction's rows before its commit whatever this says.
  std::size_t band_flush_articles = kDefaultBandFlushArticles;
};

// Deletes the band rows of article `id`, whose signature is `f` (fingerprint_bands has no
// foreign key: Prune and a replaced fingerprint remove them by key).
Status DeleteBandRows(SqlStatementCache* statements, std::int64_t id, const Fingerprint& f);

class SqlStore final : public Store {
 public:
  // The file name the daemon uses inside state_dir.
  static constexpr const char* kDefaultFileName = "gpalert.db";

  // Opens the SQLite file `path`, switches to WAL and brings the schema up to date.
  // Errors name the file and what to do.
  static Result<std::unique_ptr<SqlStore>> Open(const std::string& path,
                                                const SqlStoreOptions& options = {});
  // Connects to PostgreSQL and brings the schema up to date (daemons starting together
  // migrate once: store/migrations.h). Without create_if_missing, a database gpalert
  // never used is kNotFound.
  static Result<std::unique_ptr<SqlStore>> OpenPostgres(const PgConnectOptions& connect,
                                                        const SqlStoreOptions& options = {});

  SqlStore(const SqlStore&) = delete;
  SqlStore& operator=(const SqlStore&) = delete;

  // The file's path or the redacted PostgreSQL connection string, for messages.
  const std::string& name() const { return db_->name(); }
  SqlEngine engine() const { return db_->engine(); }

  // A daemon that found all of a host's poll slots held reserves one for this long
  // (TakeHostSlot); it asks again well within it (Service::kSlotRetryEvery). The holder
  // may take the slot again for its next poll until the reservation is kSlotPatience
  // old; from then on the slot goes to the waiting daemon once given back (a busy host's
  // polls stay with one daemon for a while: its connections, its Crawl-delay).
  static constexpr std::chrono::seconds kSlotReservation{3};
  static constexpr std::chrono::seconds kSlotPatience{2};

  Result<std::optional<SourceState>> GetSource(const std::string& name) override;
  Status PutSource(const SourceState& state) override;
  Result<std::vector<SourceState>> ListSources() override;

  // store/sql_store_leases.cc
  bool Shared() const override { return engine() == SqlEngine::kPostgres; }
  Result<bool> ClaimSource(const std::string& name, const std::string& url,
                           const std::string& holder, Instant now, Instant until,
                           std::optional<Instant> polled_before) override;
  Status RenewLeases(const std::string& holder, Instant until) override;
  Result<int> CountLiveLeases(Instant now) override;
  Result<std::optional<int>> TakeHostSlot(const std::string& host, int slots,
                                          const std::string& holder, const std::string& source,
                                          Instant now, Instant until) override;
  Status FreeHostSlot(const std::string& host, int slot, const std::string& holder) override;
  Result<std::vector<HostSlot>> ListHostSlots(Instant now) override;
  Status LockDigestPass() override;
  Result<std::string> AgreeOnSecret(const std::string& name, const std::string& candidate) override;
  void UnlockDigestPass() override;

  Result<RecordOutcome> RecordArticle(const NewArticle& article, Instant now) override;
  void SetIdentityOptions(const IdentityOptions& options) override { identity_ = options; }
  // One transaction for the lot, statements reused across the items. An invalid item
  // (no source or canonical URL) fails alone; a database error rolls the whole batch back
  // and every valid item reports it (nothing of the batch is stored).
  std::vector<Result<RecordOutcome>> RecordArticles(const std::vector<NewArticle>& articles,
                                                    Instant now) override;
  Result<std::optional<StoredArticle>> GetArticle(std::int64_t id) override;
  Result<std::vector<StoredArticle>> RecentArticles(const std::string& source, int limit) override;
  Result<std::map<std::int64_t, ArticleBody>> ArticleBodies(const std::vector<std::int64_t>& ids,
                                                            std::size_t max_total_bytes) override;
  Result<std::set<std::string>> KnownDuplicateUrls(
      const std::vector<std::string>& canonical_urls) override;  // store/sql_store_prune.cc
  // store/sql_store_identity.cc
  Result<std::vector<ArticleMerge>> ListMerges(std::int64_t article_id, int limit) override;
  // store/sql_store_updates.cc
  Result<std::vector<ArticleUpdate>> ListUpdates(std::int64_t article_id, int limit) override;
  // What RecordArticle would decide for `article` now (DecideIdentity over the evidence
  // the store holds), changing nothing. For benchmarks and diagnostics.
  Result<IdentityVerdict> FindIdentity(const NewArticle& article);

  Result<SubscriberState> EnsureSubscriber(const std::string& email, Instant now) override;
  Result<std::optional<SubscriberState>> GetSubscriber(
      const std::string& email) override;  // store/sql_store_subscribers.cc
  Result<std::vector<SubscriberState>> ListSubscribers() override;  // ..._subscribers.cc
  // store/sql_store_subscribers.cc
  Result<bool> AddSubscriber(const SubscriberState& subscriber, Instant now) override;
  Status ActivateSubscriber(const std::string& email, const ConsentRecord& consent,
                            Instant now) override;
  Status SetSubscriberStatus(const std::string& email, SubscriberStatus status,
                             const std::string& reason, Instant now) override;
  Status SetSubscriberSettings(const std::string& email,
                               const SubscriberSettings& settings) override;
  Result<std::int64_t> QueueConfirmation(const std::string& email, const OutboxMessage& message,
                                         Instant now) override;
  Status SetPausedUntil(const std::string& email, std::optional<Instant> until) override;
  Result<BounceCounts> RecordBounce(const std::string& email, bool hard, const std::string& status,
                                    Instant now) override;
  Result<bool> RemoveSubscriber(const std::string& email) override;
  Status SetLastDigest(const std::string& email, Instant when) override;
  Result<std::vector<StoredArticle>> PendingArticles(const std::string& email) override;
  Result<std::int64_t> CommitDigest(const std::string& email,
                                    const std::vector<std::int64_t>& article_ids,
                                    const OutboxMessage& message, Instant now) override;
  Status SkipArticles(const std::string& email, const std::vector<std::int64_t>& article_ids,
                      Instant now) override;

  Result<std::vector<OutboxMessage>> DueOutbox(Instant now, int limit) override;
  Status MarkSent(std::int64_t id, Instant now) override;
  Status MarkRetry(std::int64_t id, Instant next_try, const std::string& error) override;
  Status MarkParked(std::int64_t id, const std::string& error) override;
  Result<int> ReleaseOversizedDigest(std::int64_t id, std::int64_t max_bytes) override;
  Result<std::vector<OutboxMessage>> ListOutbox(std::optional<OutboxState> state) override;
  Result<std::optional<OutboxMessage>> GetOutbox(std::int64_t id) override;
  Result<int> RequeueOutbox(std::optional<std::int64_t> id, Instant now) override;
  Result<int> PurgeParkedOutbox() override;

  // store/sql_store_subscribers.cc
  Status AddSuppression(const std::string& email, const std::string& reason, Instant now) override;
  Result<bool> IsSuppressed(const std::string& email) override;

  Result<StoreTotals> Totals() override;  // store/sql_store_totals.cc

  // store/sql_store_prune.cc
  Result<PruneCounts> Prune(const RetentionPolicy& policy, Instant now) override;
  Result<PruneCounts> CountPrunable(const RetentionPolicy& policy, Instant now) override;

 private:
  SqlStore(std::unique_ptr<SqlConnection> db, const SqlStoreOptions& options)
      : db_(std::move(db)),
        statements_(db_.get()),
        identity_(options.identity),
        holder_(options.holder),
        claim_for_(options.claim_for),
        band_flush_articles_(options.band_flush_articles) {}
  // DueOutbox on a shared store (store/sql_store_leases.cc).
  Result<std::vector<OutboxMessage>> ClaimDueOutbox(Instant now, int limit);
  static Result<std::unique_ptr<SqlStore>> OpenOn(std::unique_ptr<SqlConnection> db,
                                                  const SqlStoreOptions& options,
                                                  std::string_view hint);

  // store/sql_store_bands.cc. Open: the fingerprints a killed process left without band
  // rows (band_queue) wait again.
  Status LoadUnbandedFingerprints();
  // A fingerprint just stored for `article_id`: its band rows wait (pending_bands_, and
  // band_queue on SQLite, where they outlive the transaction).
  Status QueueBands(std::int64_t article_id, const Fingerprint& f);
  // The article's pending rows may no longer match its stored signature (it was replaced):
  // the next flush checks them against it.
  void SuspectBands(std::int64_t article_id);
  // Inside the caller's transaction: every pending band row still wanted, sorted; their
  // band_queue rows deleted.
  Status FlushBandsInTransaction();
  Result<std::vector<std::pair<std::int64_t, std::int64_t>>> WantedBandRows();
  Status FlushBandsToPostgres(const std::vector<std::pair<std::int64_t, std::int64_t>>& rows);
  Status WriteBandRows(const std::vector<std::pair<std::int64_t, std::int64_t>>& rows);
  // Around a recording transaction: flushes when due; on commit forgets what was flushed,
  // on rollback what the transaction added.
  // On PostgreSQL, BeginBandBatch also takes the identity lock: daemons sharing the
  // database record articles one transaction at a time, so two never both find a copy
  // new; and the batch's band rows are written before its commit (FinishBandBatch), so
  // every daemon sees them at once.
  struct BandBatch {
    PendingBands::Mark start;
    bool flushed = false;
    std::optional<PendingBands::Mark> flushed_through;  // FinishBandBatch wrote all
  };
  Result<BandBatch> BeginBandBatch();
  Status FinishBandBatch(BandBatch* batch);
  void EndBandBatch(const BandBatch& batch, bool committed);
  // A recorded fingerprint's band keys wait (pending_bands_) and join the filter.
  void AddPendingBands(std::int64_t article_id, const Fingerprint& f);
  // The Bloom filter over every band key stored or pending (store/band_key_filter.h),
  // sized for twice the keys there are now: built once the lookups made without it have
  // sought about as much as reading the band table would cost (commands that record
  // nothing, and a poll's few new articles, never read the whole table; a bulk import
  // builds it at once) and again once full. Not on a shared store (another daemon's band
  // rows would be false "no"s): never built there. BandFilterWanted: whether lookups use
  // it now (building it when due).
  Result<bool> BandFilterWanted();
  // From the table, and the waiting rows unless `pending_flushed` (a flush wrote them).
  Status RebuildBandFilter(bool pending_flushed = false);
  // The filter as the last flush saved it (band_filter), with what waits here added:
  // false when none is saved (or it is unreadable or full).
  Result<bool> LoadBandFilter();
  // In a flush, after its rows: saves a filter holding every key of the table.
  Status SaveBandFilter();
  Result<std::optional<std::int64_t>> SavedBandFilterGeneration();
  // At least the number of stored fingerprints, cheaply.
  Result<std::uint64_t> ArticleEstimate();

  Result<SqlStatement> Prepare(std::string_view sql);
  // RecordArticle's dedup and inserts, inside a transaction the caller holds
  // (store/sql_store_identity.cc).
  Result<RecordOutcome> RecordInTransaction(const NewArticle& article, Instant now);
  // The evidence DecideIdentity weighs, each part through its own index; the fingerprint
  // parts only when the exact keys found nothing (`fingerprint` is computed then).
  // `guid_text_hash`: when the GUID matched, the text hash that source last showed.
  Result<IdentityEvidence> GatherEvidence(const NewArticle& article,
                                          std::optional<Fingerprint>* fingerprint,
                                          std::optional<std::int64_t>* guid_text_hash);
  Result<std::vector<TextCandidate>> NearCandidates(const Fingerprint& fingerprint,
                                                    const std::string& source);
  // Rows of (id, title, same_source, shingles, signature or NULL).
  Result<std::vector<TextCandidate>> ReadTextCandidates(SqlStatement* q);
  // store/sql_store_updates.cc: `article` is the stored article `out->article_id` (same
  // GUID or URL): when its source already holds it and its text changed, the change is
  // weighed against the stored fingerprint and recorded (article_updates); beyond the
  // threshold the stored fingerprint becomes the new text's and, with alert_updates, the
  // article is pending again (version + 1). Sets out->updated / realerted.
  // `text_hash` is TextHash(article.text).
  Status SeeUpdateInTransaction(const NewArticle& article, std::int64_t text_hash, Instant now,
                                RecordOutcome* out);
  // The article's fingerprint becomes `f` (its old band rows, if written, deleted).
  Status ReplaceFingerprint(std::int64_t id, const std::optional<Fingerprint>& old, bool old_banded,
                            const Fingerprint& f);
  Result<std::int64_t> InsertArticle(const NewArticle& article,
                                     const std::optional<Fingerprint>& fingerprint, Instant now);
  // store/sql_store_bodies.cc: the body row of a new article, inside the caller's
  // transaction.
  Status StoreBodyInTransaction(std::int64_t article_id, const ArticleBody& body);
  // The item is a duplicate of the pruned article `pruned_id`: its dedup keys' clock
  // moves on and the item's GUID joins them (store/sql_store_prune.cc).
  Result<RecordOutcome> SeenPrunedInTransaction(std::int64_t pruned_id, const NewArticle& article,
                                                Instant now);
  // Runs `stmt` (already prepared and bound) and collects each row with the matching reader.
  Result<std::vector<StoredArticle>> ReadArticles(SqlStatement* stmt);
  Result<std::vector<OutboxMessage>> ReadOutbox(SqlStatement* stmt);
  Result<std::vector<SourceState>> ReadSources(SqlStatement* stmt);
  Result<std::vector<SubscriberState>> ReadSubscribers(SqlStatement* stmt);
  // Runs an UPDATE of one subscriber row: NotFound naming `email` when none changed.
  // Inside a transaction the caller holds: the suppression row (first reason kept) and
  // the subscriber row's status, unless it is suppressed or unsubscribed already.
  Status SuppressInTransaction(const std::string& email, const std::string& reason,
                               SubscriberStatus status, Instant now);
  Status UpdateSubscriberRow(SqlStatement* stmt, const std::string& email,
                             const std::string& context);
  // UPDATE helper for the Mark* calls: NotFound when no row has `id`.
  Status UpdateOutboxRow(SqlStatement* stmt, std::int64_t id);
  // Runs `q` (an UPDATE ... RETURNING of at most one row) to the end: the first column of
  // its row, if it gave one.
  static Result<std::optional<std::int64_t>> OneInt(SqlStatement* q);

  std::unique_ptr<SqlConnection> db_;
  SqlStatementCache statements_;  // declared after db_: finalized before it closes
  IdentityOptions identity_;
  std::string holder_;
  std::chrono::seconds claim_for_;
  std::size_t band_flush_articles_;
  PendingBands pending_bands_;
  std::map<std::string, int> host_slots_made_;  // TakeHostSlot: the slot rows made, per host
  std::set<std::string> host_reserved_;         // hosts where this store reserved a slot
  BandKeyFilter band_filter_;
  bool band_filter_built_ = false;
  // The saved filter (band_filter.generation) band_filter_ holds every key of, if any.
  std::optional<std::int64_t> band_filter_generation_;
  bool band_filter_row_checked_ = false;  // BandFilterWanted looked for a saved one
  // A transaction that saved it may have rolled back: the next save reads the saved one.
  bool band_filter_stale_ = false;
  std::optional<std::uint64_t> band_rows_estimate_;  // BandFilterWanted: rows the build reads
  std::uint64_t unfiltered_seeks_ = 0;               // band seeks made without the filter
  // Articles whose pending rows the next flush checks (all of them after a Prune deleted
  // articles); flushed_suspects_: those the current transaction's flush checked, suspects again
  // if it rolls back.
  struct BandSuspects {
    std::unordered_set<std::int64_t> ids;
    bool all = false;  // every pending article
    bool Has(std::int64_t id) const { return all || ids.count(id) > 0; }
    // Adds `from`'s, leaving it empty.
    void Take(BandSuspects* from) {
      ids.merge(from->ids);
      from->ids.clear();
      all = all || from->all;
      from->all = false;
    }
  };
  BandSuspects band_suspects_;
  BandSuspects flushed_suspects_;
  bool queue_loaded_ = false;  // Open loaded band_queue rows (PostgreSQL deletes them)
};

}  // namespace gpalert
