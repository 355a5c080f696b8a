#include "store/migrations.h"

#include "store/sql_dialect.h"

#include <string>

#include "store/sql_statement.h"
#include "store/sql_transaction.h"

namespace gpalert {
namespace {

// Times are INTEGER seconds since the Unix epoch (UTC). Addresses compare case-insensitively.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE sources (
  name                 TEXT PRIMARY KEY,
  url                  TEXT NOT NULL,
  etag                 TEXT,
  last_modified        TEXT,
  last_poll            INTEGER,
  last_success         INTEGER,
  next_due             INTEGER,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  last_http_status     INTEGER NOT NULL DEFAULT 0,
  last_status          TEXT NOT NULL DEFAULT '',
  last_error           TEXT,
  moved_to             TEXT,
  items_seen           INTEGER NOT NULL DEFAULT 0,
  first_poll_done      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE articles (
  id             INTEGER PRIMARY KEY,
  url            TEXT NOT NULL,
  canonical_url  TEXT NOT NULL UNIQUE,
  guid           TEXT,
  title          TEXT NOT NULL,
  author         TEXT,
  summary        TEXT,
  published      INTEGER,
  first_seen     INTEGER NOT NULL,
  alertable      INTEGER NOT NULL,
  content_hash   TEXT
);
CREATE INDEX articles_first_seen ON articles (first_seen);
CREATE INDEX articles_content_hash ON articles (content_hash) WHERE content_hash IS NOT NULL;

CREATE TABLE article_sources (
  article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  source      TEXT NOT NULL,
  guid        TEXT,
  seen_at     INTEGER NOT NULL,
  PRIMARY KEY (article_id, source)
);
CREATE UNIQUE INDEX article_sources_guid ON article_sources (source, guid) WHERE guid IS NOT NULL;
CREATE INDEX article_sources_source ON article_sources (source, seen_at);

CREATE TABLE subscribers (
  email        TEXT PRIMARY KEY COLLATE NOCASE,
  since        INTEGER NOT NULL,
  last_digest  INTEGER
);

CREATE TABLE outbox (
  id          INTEGER PRIMARY KEY,
  message_id  TEXT NOT NULL UNIQUE,
  subscriber  TEXT NOT NULL COLLATE NOCASE,
  bytes       BLOB NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'parked')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  next_try    INTEGER,
  last_error  TEXT,
  created     INTEGER NOT NULL,
  sent_at     INTEGER
);
CREATE INDEX outbox_due ON outbox (state, next_try);

CREATE TABLE deliveries (
  subscriber    TEXT NOT NULL COLLATE NOCASE REFERENCES subscribers (email),
  article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  outbox_id     INTEGER REFERENCES outbox (id) ON DELETE SET NULL,
  delivered_at  INTEGER NOT NULL,
  PRIMARY KEY (subscriber, article_id)
);
CREATE INDEX deliveries_outbox ON deliveries (outbox_id);

CREATE TABLE suppressions (
  email    TEXT PRIMARY KEY COLLATE NOCASE,
  reason   TEXT NOT NULL,
  created  INTEGER NOT NULL
);
)sql";

// Retention (Store::Prune). A pruned article leaves its dedup keys behind: its canonical
// URL (and content hash) in pruned_articles, its sources' GUIDs in pruned_guids, until
// last_seen is [retention] dedup ago. Deleting an article cascades to deliveries, which
// needs an index on deliveries.article_id (else each delete scans the whole table).
constexpr std::string_view kRetentionV3 = R"sql(
ALTER TABLE outbox ADD COLUMN body_pruned_at INTEGER;
CREATE INDEX deliveries_article ON deliveries (article_id);

CREATE TABLE pruned_articles (
  id             INTEGER PRIMARY KEY,
  canonical_url  TEXT NOT NULL UNIQUE,
  content_hash   TEXT,
  last_seen      INTEGER NOT NULL
);
CREATE INDEX pruned_articles_last_seen ON pruned_articles (last_seen);

CREATE TABLE pruned_guids (
  source      TEXT NOT NULL,
  guid        TEXT NOT NULL,
  article_id  INTEGER NOT NULL REFERENCES pruned_articles (id) ON DELETE CASCADE,
  PRIMARY KEY (source, guid)
) WITHOUT ROWID;
CREATE INDEX pruned_guids_article ON pruned_guids (article_id);
)sql";

// Article identity (alerts/dedup): each article's MinHash signature and its LSH band
// keys (the index near-duplicate lookups use), and the copies merged into an article under
// another URL (their canonical URL is then a dedup key too). Children of articles: they
// go with it (the band index on article_id keeps that delete cheap).
constexpr std::string_view kIdentityV4 = R"sql(
CREATE TABLE article_fingerprints (
  article_id  INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  shingles    INTEGER NOT NULL,
  signature   BLOB NOT NULL,
  banded      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX article_fingerprints_unbanded ON article_fingerprints (article_id)
  WHERE banded = 0;

CREATE TABLE fingerprint_bands (
  band        INTEGER NOT NULL,
  article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  PRIMARY KEY (band, article_id)
) WITHOUT ROWID;
CREATE INDEX fingerprint_bands_article ON fingerprint_bands (article_id);

CREATE TABLE article_merges (
  id             INTEGER PRIMARY KEY,
  article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  source         TEXT NOT NULL,
  url            TEXT NOT NULL,
  canonical_url  TEXT NOT NULL UNIQUE,
  title          TEXT NOT NULL,
  rule           TEXT NOT NULL,
  similarity     REAL NOT NULL,
  merged_at      INTEGER NOT NULL
);
CREATE INDEX article_merges_article ON article_merges (article_id);
)sql";

// Full-text digests: the extracted page of an article (lead, text, cleaned HTML), one
// row per article that has one; it goes when its article goes (Prune deletes articles).
constexpr std::string_view kArticleBodiesV5 = R"sql(
CREATE TABLE article_bodies (
  article_id  INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  lead        TEXT,
  text        TEXT NOT NULL,
  html        TEXT NOT NULL
);
)sql";

// Subscribers in the store (docs/STORE.md, "Subscribers"): origin and state, the
// settings of self/admin-origin subscribers (lists joined by newlines), the consent
// record. Existing rows came from the config; suppressed addresses are unsubscribed.
// outbox.kind: 'transactional' for a sign-up's confirmation mail (sent to an address
// that is still suppressed: its reader asked for it).
constexpr std::string_view kSubscribersV6 = R"sql(
ALTER TABLE subscribers ADD COLUMN origin TEXT NOT NULL DEFAULT 'config'
  CHECK (origin IN ('config', 'self', 'admin'));
ALTER TABLE subscribers ADD COLUMN state TEXT NOT NULL DEFAULT 'active'
  CHECK (state IN ('pending', 'active', 'unsubscribed', 'bouncing', 'suppressed'));
ALTER TABLE subscribers ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE subscribers ADD COLUMN digest TEXT NOT NULL DEFAULT 'immediate'
  CHECK (digest IN ('immediate', 'daily', 'weekly'));
ALTER TABLE subscribers ADD COLUMN at_minutes INTEGER NOT NULL DEFAULT 420;
ALTER TABLE subscribers ADD COLUMN weekday INTEGER NOT NULL DEFAULT 1;
ALTER TABLE subscribers ADD COLUMN timezone TEXT NOT NULL DEFAULT 'UTC';
ALTER TABLE subscribers ADD COLUMN sources TEXT NOT NULL DEFAULT '';
ALTER TABLE subscribers ADD COLUMN tags TEXT NOT NULL DEFAULT '';
ALTER TABLE subscribers ADD COLUMN keywords TEXT NOT NULL DEFAULT '';
ALTER TABLE subscribers ADD COLUMN created INTEGER NOT NULL DEFAULT 0;
ALTER TABLE subscribers ADD COLUMN confirmed_at INTEGER;
ALTER TABLE subscribers ADD COLUMN consent_at INTEGER;
ALTER TABLE subscribers ADD COLUMN consent_address TEXT;
ALTER TABLE subscribers ADD COLUMN consent_user_agent TEXT;
ALTER TABLE subscribers ADD COLUMN state_changed INTEGER;
ALTER TABLE subscribers ADD COLUMN confirmation_sent INTEGER;
ALTER TABLE subscribers ADD COLUMN paused_until INTEGER;
ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'digest'
  CHECK (kind IN ('digest', 'transactional'));
CREATE TABLE bounces (
  id      INTEGER PRIMARY KEY,
  email   TEXT NOT NULL COLLATE NOCASE,
  at      INTEGER NOT NULL,
  hard    INTEGER NOT NULL,
  status  TEXT NOT NULL
);
CREATE INDEX bounces_email ON bounces (email, at);
UPDATE subscribers SET created = since;
UPDATE subscribers SET state = 'unsubscribed', state_changed = (
  SELECT created FROM suppressions p WHERE p.email = subscribers.email)
  WHERE email IN (SELECT email FROM suppressions);
)sql";

// SQLite's NOCASE for PostgreSQL: a nondeterministic ICU collation that ignores case.
constexpr std::string_view kPostgresNocase =
    "CREATE COLLATION IF NOT EXISTS nocase "
    "(provider = icu, locale = 'und-u-ks-level2', deterministic = false);";

// SQLite's rowid of article_sources (the order an article's sources were seen in, which
// RecentArticles lists first to last), as a column of that name.
constexpr std::string_view kPostgresRowid =
    "ALTER TABLE article_sources ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY;";

void ReplaceAll(std::string* s, std::string_view from, std::string_view to) {
  for (std::size_t at = s->find(from); at != std::string::npos;
       at = s->find(from, at + to.size())) {
    s->replace(at, from.size(), to);
  }
}

// Holds PostgreSQL's session advisory lock while migrations are checked and applied.
class MigrationLock {
 public:
  explicit MigrationLock(SqlConnection* db)
      : db_(db->engine() == SqlEngine::kPostgres ? db : nullptr) {}
  Status Take() {
    if (db_ == nullptr) return Status::Ok();
    Status s = db_->Exec("SELECT pg_advisory_lock(" + std::to_string(kMigrationLockKey) + ")");
    if (!s.ok()) db_ = nullptr;
    return s;
  }
  ~MigrationLock() {
    if (db_ != nullptr)
      (void)db_->Exec("SELECT pg_advisory_unlock(" + std::to_string(kMigrationLockKey) + ")");
  }
  MigrationLock(const MigrationLock&) = delete;
  MigrationLock& operator=(const MigrationLock&) = delete;

 private:
  SqlConnection* db_;
};

// Several daemons on one database (docs/STORE.md, "Sharing the work"): the daemon
// polling a source holds a lease on its row, renewed while the poll runs; a daemon
// sending an outbox message has claimed it. An expired lease or claim (its daemon died)
// is anyone's. shared_secrets: keys every daemon must agree on (the links' HMAC key).
constexpr std::string_view kDaemonsV7 = R"sql(
ALTER TABLE sources ADD COLUMN leased_by TEXT;
ALTER TABLE sources ADD COLUMN lease_until INTEGER;
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN claim_until INTEGER;
CREATE TABLE shared_secrets (
  name   TEXT PRIMARY KEY,
  value  BLOB NOT NULL
);
)sql";

// Per-host politeness across daemons: a host's `per_host` poll slots, each held by one
// daemon's poll at a time, and reserved by the daemon waiting for it next
// (docs/STORE.md, "Sharing the work").
constexpr std::string_view kHostSlotsV8 = R"sql(
CREATE TABLE host_slots (
  host        TEXT NOT NULL,
  slot        INTEGER NOT NULL,
  held_by     TEXT,
  held_until  INTEGER,
  source      TEXT,
  next_by     TEXT,
  next_since  INTEGER,
  next_until  INTEGER,
  PRIMARY KEY (host, slot)
);
)sql";

// fingerprint_bands without its article_id index and foreign key: every band row written
// had to check its article and insert into that index at a random place, half of a band
// flush's cost. Prune deletes an article's band rows by its band keys (computed from its
// signature); a row whose article is gone some other way is never returned (lookups join
// article_fingerprints).
constexpr std::string_view kBandsV9 = R"sql(
CREATE TABLE fingerprint_bands_v9 (
  band        INTEGER NOT NULL,
  article_id  INTEGER NOT NULL,
  PRIMARY KEY (band, article_id)
) WITHOUT ROWID;
INSERT INTO fingerprint_bands_v9 (band, article_id)
  SELECT band, article_id FROM fingerprint_bands ORDER BY band, article_id;
DROP TABLE fingerprint_bands;
ALTER TABLE fingerprint_bands_v9 RENAME TO fingerprint_bands;
)sql";
// The same on PostgreSQL, without copying the table: its index and foreign key go.
constexpr std::string_view kPostgresBandsV9 = R"sql(
DROP INDEX IF EXISTS fingerprint_bands_article;
ALTER TABLE fingerprint_bands DROP CONSTRAINT IF EXISTS fingerprint_bands_article_id_fkey;
)sql";

// Updates in place: article_sources.text_hash (the text that source last showed, hashed,
// so an unchanged item costs no fingerprint), articles.version and updated_at (changes
// beyond the threshold under alert_updates: pending again until a delivery of that
// version), deliveries.version, and article_updates, each change seen (light or beyond).
constexpr std::string_view kUpdatesV10 = R"sql(
ALTER TABLE article_sources ADD COLUMN text_hash INTEGER;
ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN updated_at INTEGER;
ALTER TABLE deliveries ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
CREATE TABLE article_updates (
  id          INTEGER PRIMARY KEY,
  article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  source      TEXT NOT NULL,
  url         TEXT NOT NULL,
  title       TEXT NOT NULL,
  similarity  REAL NOT NULL,
  beyond      INTEGER NOT NULL,
  realerted   INTEGER NOT NULL,
  seen_at     INTEGER NOT NULL
);
CREATE INDEX article_updates_article ON article_updates (article_id);
)sql";

// band_queue: the articles whose band rows are not in fingerprint_bands yet (SQLite writes
// them in batches; see SqlStore::BeginBandBatch), in place of article_fingerprints.banded.
// Setting banded = 1 at each flush rewrote every fingerprint row (its 512-byte signature)
// a second time; a queue row is an integer, inserted with the article and deleted at the
// flush. band_filter: the Bloom filter over fingerprint_bands' keys as the last flush left
// it (store/band_key_filter.h), so that a new process reads it instead of the whole band
// table (SQLite only: a shared store uses no filter).
constexpr std::string_view kBandQueueV11 = R"sql(
CREATE TABLE band_queue (
  article_id  INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE
);
CREATE TABLE band_filter (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  generation  INTEGER NOT NULL,
  capacity    INTEGER NOT NULL,
  keys        INTEGER NOT NULL,
  bits        BLOB NOT NULL
);
INSERT INTO band_queue (article_id) SELECT article_id FROM article_fingerprints WHERE banded = 0;
DROP INDEX article_fingerprints_unbanded;
ALTER TABLE article_fingerprints DROP COLUMN banded;
)sql";

}  // namespace

std::string PostgresDdl(std::string_view sqlite_ddl) {
  std::string s(sqlite_ddl);
  ReplaceAll(&s, "INTEGER PRIMARY KEY,", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,");
  ReplaceAll(&s, "INTEGER", "BIGINT");
  ReplaceAll(&s, "BLOB", "BYTEA");
  ReplaceAll(&s, " REAL ", " DOUBLE PRECISION ");
  ReplaceAll(&s, ") WITHOUT ROWID;", ");");
  return s;
}

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "sources, articles, article_sources, subscribers, outbox, deliveries, suppressions",
       kSchemaV1, kPostgresNocase, kPostgresRowid},
      {2, "subscribers.max_message_bytes: the largest digest their server took",
       "ALTER TABLE subscribers ADD COLUMN max_message_bytes INTEGER;"},
      {3, "retention: outbox.body_pruned_at, pruned_articles, pruned_guids, deliveries_article",
       kRetentionV3},
      {4, "identity: article_fingerprints, fingerprint_bands, article_merges", kIdentityV4},
      {5, "article_bodies: extracted article pages for full-text digests", kArticleBodiesV5},
      {6,
       "subscribers: origin, state, settings, consent record, confirmation times; outbox.kind; "
       "bounces",
       kSubscribersV6},
      {7, "daemons: sources.leased_by/lease_until, outbox.claimed_by/claim_until, shared_secrets",
       kDaemonsV7},
      {8, "host_slots: per-host poll slots shared by the daemons of one database", kHostSlotsV8},
      {9,
       "fingerprint_bands: no article_id index or foreign key (Prune deletes by band key)",
       kBandsV9,
       {},
       {},
       kPostgresBandsV9},
      {10,
       "updates in place: article_sources.text_hash; articles.version, updated_at; "
       "deliveries.version; article_updates",
       kUpdatesV10},
      {11,
       "band_queue: the articles whose band rows wait, in place of article_fingerprints.banded; "
       "band_filter",
       kBandQueueV11},
  };
  return kMigrations;
}

Result<int> SchemaVersion(SqlConnection* db) {
  std::string create =
      "CREATE TABLE IF NOT EXISTS schema_version ("
      " version INTEGER NOT NULL PRIMARY KEY, summary TEXT NOT NULL, applied_at INTEGER NOT NULL)";
  if (db->engine() == SqlEngine::kPostgres) create = PostgresDdl(create);
  Status s = db->Exec(create);
  if (!s.ok()) return s;
  Result<SqlStatement> q = db->Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version");
  if (!q.ok()) return q.status();
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  return static_cast<int>(q->ColumnInt(0));
}

Result<std::optional<int>> StoredSchemaVersion(SqlConnection* db) {
  Result<SqlStatement> exists = db->Prepare(
      db->engine() == SqlEngine::kPostgres
          ? "SELECT to_regclass('schema_version') IS NOT NULL"
          : "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'schema_version')");
  if (!exists.ok()) return exists.status();
  Result<bool> row = exists->Step();
  if (!row.ok()) return row.status();
  if (!*row || !exists->ColumnBool(0)) return std::optional<int>();
  Result<SqlStatement> q = db->Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version");
  if (!q.ok()) return q.status();
  row = q->Step();
  if (!row.ok()) return row.status();
  return std::optional<int>(static_cast<int>(q->ColumnInt(0)));
}

Status ApplyMigrations(SqlConnection* db, const std::vector<Migration>& migrations, Instant now,
                       bool create) {
  bool postgres = db->engine() == SqlEngine::kPostgres;
  MigrationLock lock(db);
  Status s = lock.Take();
  if (!s.ok()) return s;
  Result<int> current = SchemaVersion(db);
  if (!current.ok()) return current.status();
  if (*current == 0 && postgres && !create) {
    return Status::NotFound(db->name() +
                            " holds no gpalert state yet (the daemon creates it on its first "
                            "run); check [store] url");
  }
  int newest = migrations.empty() ? 0 : migrations.back().version;
  if (*current > newest) {
    return Status::IoError(db->name() + ": schema version " + std::to_string(*current) +
                           " is newer than this gpalert understands (" + std::to_string(newest) +
                           "); run a newer gpalert or point it at another database");
  }
  for (const Migration& m : migrations) {
    if (m.version <= *current) continue;
    Result<SqlTransaction> tx = SqlTransaction::Begin(db);
    if (!tx.ok()) return tx.status();
    // Re-check inside the write lock: another process may have migrated meanwhile.
    Result<int> again = SchemaVersion(db);
    if (!again.ok()) return again.status();
    if (*again >= m.version) continue;
    std::string pg_sql = m.postgres.empty() ? PostgresDdl(m.sql) : std::string(m.postgres);
    s = postgres ? db->Exec(std::string(m.postgres_prelude) + pg_sql + std::string(m.postgres_coda))
                 : db->Exec(m.sql);
    if (!s.ok()) {
      return Status::IoError("migration " + std::to_string(m.version) + " failed: " + s.message());
    }
    Result<SqlStatement> ins = db->Prepare(
        "INSERT INTO schema_version (version, summary, applied_at) VALUES (?1, ?2, ?3)");
    if (!ins.ok()) return ins.status();
    s = ins->BindInt(1, m.version).BindText(2, m.summary).BindTime(3, now).Run();
    if (!s.ok()) return s;
    s = tx->Commit();
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace gpalert
