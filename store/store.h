// Store: the daemon's durable state behind one interface (SQLite today; a shared
// PostgreSQL backend later, so several daemons can split the sources).
// Thread rule: one Store object is used from one thread at a time; a daemon opens
// up to three connections to one file (docs/ARCHITECTURE.md, Threads), each owned by one thread.
// Every method is one transaction unless it says otherwise.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "alerts/dedup/identity.h"
#include "common/status.h"
#include "common/time_format.h"
#include "store/retention.h"
#include "store/subscriber_record.h"

namespace gpalert {

// Per-source polling state, keyed by the source's configured name.
struct SourceState {
  std::string name;
  std::string url;                  // URL polled last
  std::optional<std::string> etag;  // validators for conditional GET
  std::optional<std::string> last_modified;
  std::optional<Instant> last_poll;  // when the last poll finished
  std::optional<Instant> last_success;
  std::optional<Instant> next_due;  // persisted backoff / schedule
  int consecutive_failures = 0;
  long last_http_status = 0;
  std::string last_status;                // words: "200 OK, 3 new", "timed out after 30 s"
  std::optional<std::string> last_error;  // set while failing
  std::optional<std::string> moved_to;    // permanent redirect target, for the admin
  std::int64_t items_seen = 0;            // items ever recorded for this source
  bool first_poll_done = false;           // backfill applies until the first good poll
  // Several daemons on one database: who polls it now, until when (read only: ClaimSource
  // sets them, PutSource clears them).
  std::optional<std::string> leased_by;
  std::optional<Instant> lease_until;
  // The daemon polling it at `now` (a lease not run out yet), if any.
  std::optional<std::string> LiveHolder(Instant now) const {
    if (!leased_by || !lease_until || *lease_until < now) return std::nullopt;
    return leased_by;
  }
};

// A poll slot of a host on a shared store (Store::TakeHostSlot): who holds it, until when,
// for which source.
struct HostSlot {
  std::string host;
  int slot = 0;
  std::string held_by;
  Instant held_until{};
  std::string source;
};

// The extracted article page of an article, for full-text digests (subscriber content =
// "lead" or "full"). Only items whose page was fetched and extracted have one.
struct ArticleBody {
  std::optional<std::string> lead;  // the page's standfirst / lead, plain text
  std::string text;                 // plain text, paragraphs split by blank lines
  std::string html;                 // the extractor's cleaned body HTML (not yet mail-safe)
};

// An item as found by a parser, before dedup.
struct NewArticle {
  std::string source;               // source name
  std::string url;                  // as found (absolute)
  std::string canonical_url;        // alerts/url_canonicalizer.h
  std::optional<std::string> guid;  // feed id, when the feed gives one
  std::string title;
  std::optional<std::string> author;
  std::optional<std::string> summary;  // plain text lead / summary for the digest
  std::optional<Instant> published;
  // The article's main text (plain), for its fingerprint (alerts/dedup/fingerprint.h):
  // the extracted page's text, else the feed's content or summary. Not stored.
  std::string text;
  bool alertable = true;            // false for backfilled (too old) items
  std::optional<ArticleBody> body;  // stored with a new article only
  // The source's `alert_updates`: when this item is an article the source already holds
  // (same GUID or URL) whose text changed beyond the near-duplicate threshold, the
  // article is pending again for every subscriber, marked updated.
  bool alert_updates = false;
};

struct StoredArticle {
  std::int64_t id = 0;
  std::vector<std::string> sources;  // every source it was seen in, first one first
  std::string url;
  std::string canonical_url;
  std::optional<std::string> guid;
  std::string title;
  std::optional<std::string> author;
  std::optional<std::string> summary;
  std::optional<Instant> published;
  Instant first_seen;
  bool alertable = true;
  // Times its text changed beyond the threshold in a source with alert_updates (each
  // made it pending again); the digest marks it "updated" when above 0.
  int version = 0;
};

struct RecordOutcome {
  // The article's id; 0 for a duplicate of a pruned article (only its dedup keys are left).
  std::int64_t article_id = 0;
  bool is_new = false;               // false: a duplicate (DecideIdentity, alerts/dedup/identity.h)
  MatchRule rule = MatchRule::kNew;  // which rule found the stored article
  double similarity = 1.0;           // for kNearDuplicate
  // A known article (same GUID or URL, same source) whose text changed beyond the
  // threshold; `realerted` when the source's alert_updates made it pending again.
  bool updated = false;
  bool realerted = false;
};

// A copy of a stored article found under another URL (content hash or near-duplicate),
// kept so that an admin can answer "why did I not get X?" and so the copy's URL is known.
struct ArticleMerge {
  std::int64_t article_id = 0;  // the article it was merged into
  std::string source;
  std::string url;
  std::string canonical_url;
  std::string title;
  MatchRule rule = MatchRule::kNearDuplicate;
  double similarity = 1.0;
  Instant merged_at;
};

// A stored article whose text a source showed changed (same GUID or URL, another content
// hash): light edits (similarity at or above the threshold) and changes beyond it.
struct ArticleUpdate {
  std::int64_t article_id = 0;
  std::string source;
  std::string url;
  std::string title;        // the item's title when the change was seen
  double similarity = 1.0;  // to the text it was last alerted (or first stored) with
  bool beyond = false;      // below the threshold: the article's stored text moved on
  bool realerted = false;   // and alert_updates made it pending again
  Instant seen_at;
};

enum class OutboxState { kPending, kSent, kParked };

struct OutboxMessage {
  std::int64_t id = 0;     // assigned by the store
  std::string subscriber;  // recipient address
  std::string message_id;  // the Message-ID header value (unique)
  std::string bytes;       // complete RFC 5322 message, CRLF line ends
  OutboxState state = OutboxState::kPending;
  int attempts = 0;
  std::optional<Instant> next_try;
  std::optional<std::string> last_error;
  Instant created;
  std::optional<Instant> sent;  // when MarkSent recorded it
  // When Prune dropped the body of this sent message (`bytes` holds its headers only).
  std::optional<Instant> body_pruned;
  // A transactional message (a sign-up's confirmation, outbox.kind) rather than a digest:
  // it goes even to a suppressed address, whose reader just asked for it.
  bool transactional = false;
};

// Row counts for monitoring (`/metrics`).
struct StoreTotals {
  std::int64_t articles = 0;  // articles stored (every source)
  std::int64_t outbox_pending = 0;
  std::int64_t outbox_sent = 0;
  std::int64_t outbox_parked = 0;
  std::int64_t suppressions = 0;  // unsubscribed addresses
};

struct SubscriberState {
  std::string email;
  Instant since;                       // first seen in the config; older articles are not theirs
  std::optional<Instant> last_digest;  // when their last digest was committed
  // Set when their mail server refused a digest as too big (SMTP 552): later digests
  // are cut below it.
  std::optional<std::int64_t> max_message_bytes;
  // Schema v4 (docs/STORE.md, "Subscribers"). A row EnsureSubscriber made for a config
  // entry is origin kConfig, active, with default settings (the config holds the truth).
  SubscriberOrigin origin = SubscriberOrigin::kConfig;
  SubscriberStatus status = SubscriberStatus::kActive;
  SubscriberSettings settings;               // self/admin origin only
  Instant created;                           // when the row was made
  std::optional<Instant> confirmed;          // when it last became active by consent
  std::optional<ConsentRecord> consent;      // the consent that activated it
  std::optional<Instant> status_changed;     // when `status` last changed
  std::optional<Instant> confirmation_sent;  // pending: when the last confirmation mail was queued
  // Until then the digest pass settles their articles without mail (the manage page's
  // "pause"); nullopt: not paused.
  std::optional<Instant> paused_until;
};

class Store {
 public:
  virtual ~Store() = default;

  // Sources. PutSource also ends the source's lease.
  virtual Result<std::optional<SourceState>> GetSource(const std::string& name) = 0;
  virtual Status PutSource(const SourceState& state) = 0;
  virtual Result<std::vector<SourceState>> ListSources() = 0;

  // Work sharing (docs/STORE.md, "Sharing the work"): true when several daemons may use
  // this store at once (PostgreSQL), so a daemon claims each source before polling it.
  virtual bool Shared() const { return false; }
  // Takes the lease on the source `name` for `holder` until `until` when nobody else
  // holds a live one and the source is due: with `polled_before`, when it was not polled
  // since then (a `run --once` round); else when its next_due has come. False: leave it.
  // A store that is not Shared() grants every claim.
  virtual Result<bool> ClaimSource(const std::string& name, const std::string& url,
                                   const std::string& holder, Instant now, Instant until,
                                   std::optional<Instant> polled_before);
  // Moves every live lease of `holder` on to `until` (while its polls run).
  virtual Status RenewLeases(const std::string& holder, Instant until);
  // How many sources any daemon holds a live lease on.
  virtual Result<int> CountLiveLeases(Instant now);
  // Per-host politeness across daemons: one of the `slots` poll slots of `host` (an
  // origin: scheme, host, port) for `holder`'s poll of `source` until `until` (renewed by
  // RenewLeases), when one is free or its holder's time ran out: the slot's number, or
  // nothing when all are held. FreeHostSlot gives it back. A store that is not Shared()
  // grants every slot (number 0) and keeps nothing.
  virtual Result<std::optional<int>> TakeHostSlot(const std::string& host, int slots,
                                                  const std::string& holder,
                                                  const std::string& source, Instant now,
                                                  Instant until);
  virtual Status FreeHostSlot(const std::string& host, int slot, const std::string& holder);
  // The slots held now (held_until >= now), by host and slot.
  virtual Result<std::vector<HostSlot>> ListHostSlots(Instant now);
  // Around a digest pass: one daemon drafts at a time, so a digest is drafted once
  // (the next one sees what the first committed). No-ops unless Shared().
  virtual Status LockDigestPass() { return Status::Ok(); }
  virtual void UnlockDigestPass() {}
  // A key every daemon on the store must use (the HMAC key of mailed links): the value
  // stored under `name`, which becomes `candidate` when none is. A store that is not
  // Shared() keeps nothing and returns `candidate`.
  virtual Result<std::string> AgreeOnSecret(const std::string& name, const std::string& candidate) {
    (void)name;
    return candidate;
  }

  // Articles. Identity is DecideIdentity's (alerts/dedup/identity.h): same (source, guid);
  // same canonical_url from any source (an article's own, or a merged copy's); same
  // content hash; a near-duplicate fingerprint — among the stored articles and the dedup
  // keys Prune keeps of pruned ones. A duplicate from another source is linked to that
  // source too (is_new = false); a copy under another URL is recorded as an ArticleMerge.
  virtual Result<RecordOutcome> RecordArticle(const NewArticle& article, Instant now) = 0;
  // The near-duplicate threshold the next RecordArticle(s) applies ([dedup], taken again
  // when the daemon reloads its config). Stored articles keep the verdicts they had.
  virtual void SetIdentityOptions(const IdentityOptions& options) = 0;
  // The items of one poll: each outcome as RecordArticle would give it, in order (an
  // invalid item's failure does not stop the others). This default calls RecordArticle
  // for each; a backend may override it to use one transaction for the lot (a poll of a
  // 20-item feed is then one commit instead of 20), and then a database error fails
  // every item of the batch and stores none of it (SqlStore does this).
  virtual std::vector<Result<RecordOutcome>> RecordArticles(const std::vector<NewArticle>& articles,
                                                            Instant now);
  virtual Result<std::optional<StoredArticle>> GetArticle(std::int64_t id) = 0;
  // The newest articles (by first_seen, then id) seen in `source`, or in any source when
  // `source` is empty; at most `limit`. For `gpalert sources` and debugging.
  virtual Result<std::vector<StoredArticle>> RecentArticles(const std::string& source,
                                                            int limit) = 0;
  // Those of `canonical_urls` that RecordArticles calls a duplicate without looking at
  // their text — only dedup keys now (their article was pruned) or a merged copy's URL —
  // so a poll need not fetch their pages.
  virtual Result<std::set<std::string>> KnownDuplicateUrls(
      const std::vector<std::string>& canonical_urls) = 0;
  // The copies merged into the article with `article_id`, oldest first; with 0, the
  // newest `limit` merges of any article.
  virtual Result<std::vector<ArticleMerge>> ListMerges(std::int64_t article_id, int limit) = 0;
  // The changes seen in the text of the article with `article_id`, oldest first; with 0,
  // the newest `limit` of any article.
  virtual Result<std::vector<ArticleUpdate>> ListUpdates(std::int64_t article_id, int limit) = 0;
  // The stored bodies of those of `ids` that have one (the others are absent), in the
  // order of `ids`: once their text and HTML would pass max_total_bytes in all, the
  // later ones come with their lead only (empty text and HTML), so a digest of many
  // long articles never loads them all. Prune drops an article's body with the article.
  virtual Result<std::map<std::int64_t, ArticleBody>> ArticleBodies(
      const std::vector<std::int64_t>& ids, std::size_t max_total_bytes) = 0;

  // Subscribers: registers the address on first sight (since = now) and returns its state.
  virtual Result<SubscriberState> EnsureSubscriber(const std::string& email, Instant now) = 0;
  // Reads without registering (for `gpalert preview`); nullopt when never seen.
  virtual Result<std::optional<SubscriberState>> GetSubscriber(const std::string& email) = 0;
  virtual Result<std::vector<SubscriberState>> ListSubscribers() = 0;
  // Self- and admin-origin subscribers (docs/STORE.md, "Subscribers"). AddSubscriber
  // inserts `subscriber` (email, origin, status, settings, consent) with since = created
  // = now (and confirmed = now when active); false, changing nothing, when the address
  // has a row already.
  virtual Result<bool> AddSubscriber(const SubscriberState& subscriber, Instant now) = 0;
  // The subscriber becomes active with `consent` recorded: since = now unless it was
  // active already (articles from before are not theirs), confirmed = now, and the
  // address's suppression goes (their consent overrides their earlier leave).
  // NotFound for an unknown address.
  virtual Status ActivateSubscriber(const std::string& email, const ConsentRecord& consent,
                                    Instant now) = 0;
  // Any other status. kUnsubscribed and kSuppressed also suppress the address (with
  // `reason`, as AddSuppression). NotFound for an unknown address; InvalidArgument for
  // kActive (use ActivateSubscriber).
  virtual Status SetSubscriberStatus(const std::string& email, SubscriberStatus status,
                                     const std::string& reason, Instant now) = 0;
  // Replaces a self/admin subscriber's settings. NotFound for an unknown address.
  virtual Status SetSubscriberSettings(const std::string& email,
                                       const SubscriberSettings& settings) = 0;
  // One transaction: `message` joins the outbox as a transactional message and the
  // subscriber's confirmation_sent becomes `now`. Returns the outbox id. NotFound for an
  // unknown address (nothing queued).
  virtual Result<std::int64_t> QueueConfirmation(const std::string& email,
                                                 const OutboxMessage& message, Instant now) = 0;
  // Bounces (`gpalert inbox`): records one for the address (hard: a permanent 5.x.x
  // failure) and returns the hard and soft bounces of the last 14 days, this one
  // included. When that makes two hard ones, an active subscriber row becomes bouncing
  // (in the same transaction; `marked_bouncing`). Bounces older than 30 days go.
  struct BounceCounts {
    int hard = 0;
    int soft = 0;
    bool marked_bouncing = false;
  };
  virtual Result<BounceCounts> RecordBounce(const std::string& email, bool hard,
                                            const std::string& status, Instant now) = 0;
  // Sets (or, with nullopt, clears) the subscriber's pause. NotFound for an unknown address.
  virtual Status SetPausedUntil(const std::string& email, std::optional<Instant> until) = 0;
  // Deletes the subscriber's row, its deliveries and its unsent (pending or parked)
  // outbox messages; a suppression stays. False when the address has no row.
  virtual Result<bool> RemoveSubscriber(const std::string& email) = 0;
  // Records a digest slot as done without a message (e.g. a daily digest with nothing new).
  // NotFound when the address was never registered.
  virtual Status SetLastDigest(const std::string& email, Instant when) = 0;
  // Alertable articles first seen at or after the subscriber's `since` and not yet
  // delivered to them, oldest first (empty for an unregistered address).
  virtual Result<std::vector<StoredArticle>> PendingArticles(const std::string& email) = 0;
  // One transaction: marks every article delivered to the subscriber, queues the
  // message in the outbox, sets last_digest = now. Returns the outbox id. Fails (and
  // changes nothing) if an article was already delivered to them, the subscriber is not
  // registered, or the Message-ID is already in the outbox.
  virtual Result<std::int64_t> CommitDigest(const std::string& email,
                                            const std::vector<std::int64_t>& article_ids,
                                            const OutboxMessage& message, Instant now) = 0;

  // Settles articles the subscriber's filters did not admit, without a message, so that
  // PendingArticles stops returning them (its cost grows with the pending list). Articles
  // already settled or delivered are ignored. One transaction.
  virtual Status SkipArticles(const std::string& email,
                              const std::vector<std::int64_t>& article_ids, Instant now) = 0;

  // Outbox. DueOutbox: pending rows whose next_try is unset or <= now, oldest first; on a
  // Shared() store, claimed for this connection's holder for the claim time (another
  // daemon's live claim hides a row), so one daemon sends each message.
  // Mark*: NotFound for an unknown id. MarkSent/MarkRetry/MarkParked count one attempt
  // (and end the claim).
  virtual Result<std::vector<OutboxMessage>> DueOutbox(Instant now, int limit) = 0;
  virtual Status MarkSent(std::int64_t id, Instant now) = 0;
  virtual Status MarkRetry(std::int64_t id, Instant next_try, const std::string& error) = 0;
  virtual Status MarkParked(std::int64_t id, const std::string& error) = 0;
  // Undoes a pending digest the recipient's server refused as too big: in one
  // transaction the outbox row and its deliveries go (its articles are pending again)
  // and the subscriber's max_message_bytes becomes at most `max_bytes`. Returns how many
  // articles were released; 0, changing nothing, when the message lists fewer than two
  // (nothing to split: the caller parks it). NotFound for an unknown or non-pending id.
  virtual Result<int> ReleaseOversizedDigest(std::int64_t id, std::int64_t max_bytes) = 0;
  virtual Result<std::vector<OutboxMessage>> ListOutbox(std::optional<OutboxState> state) = 0;
  // One row; nullopt for an unknown id.
  virtual Result<std::optional<OutboxMessage>> GetOutbox(std::int64_t id) = 0;
  // The admin's retry (`gpalert outbox retry`): a pending or parked row — the one with
  // `id`, or every one when nullopt — becomes pending and due at `now` with no attempts
  // and no error, and its give-up clock (created) restarts at `now`. Returns how many
  // rows changed. NotFound for an unknown id, InvalidArgument for a sent one.
  virtual Result<int> RequeueOutbox(std::optional<std::int64_t> id, Instant now) = 0;
  // Deletes every parked row (their articles stay delivered). Returns how many went.
  virtual Result<int> PurgeParkedOutbox() = 0;

  // Suppressions (unsubscribed addresses), overriding the config's subscriber list.
  // Subscriber and suppression addresses compare case-insensitively (ASCII).
  // AddSuppression on an already suppressed address keeps the first reason and time;
  // the address's subscriber row, if any and not suppressed already, becomes unsubscribed.
  virtual Status AddSuppression(const std::string& email, const std::string& reason,
                                Instant now) = 0;
  virtual Result<bool> IsSuppressed(const std::string& email) = 0;

  // Monitoring: how many rows of each kind the store holds. One read transaction.
  virtual Result<StoreTotals> Totals() = 0;

  // Retention (docs/STORE.md, "Retention"): drops what `policy` no longer keeps, in
  // write transactions of at most policy.batch_rows rows each, so other connections get
  // the write lock between them. Cheap when there is nothing to do.
  virtual Result<PruneCounts> Prune(const RetentionPolicy& policy, Instant now) = 0;
  // What Prune would remove now, changing nothing (dry_run is set). Reads only.
  virtual Result<PruneCounts> CountPrunable(const RetentionPolicy& policy, Instant now) = 0;
};

}  // namespace gpalert

namespace gpalert {
// "pending", "sent", "parked".
const char* OutboxStateName(OutboxState state);
}  // namespace gpalert
