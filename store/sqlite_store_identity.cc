// SqliteStore's part of article identity: gathering the evidence DecideIdentity
// (alerts/dedup/identity.h) weighs, each part through its own index, and acting on its
// verdict — a new article with its fingerprint, or a link to the stored one (and, for a
// copy under another URL, an article_merges row). Schema: store/migrations.cc, v4.
#include <string>

#include "store/sqlite_statement.h"
#include "store/sqlite_store.h"

namespace gpalert {
namespace {

// Candidates a near-duplicate lookup weighs at most: articles sharing a band with the
// item, most shared bands first (the likeliest duplicates).
constexpr int kMaxNearCandidates = 64;

// "?1, ?2, ..., ?n"
std::string Placeholders(int n) {
  std::string out;
  for (int i = 1; i <= n; ++i) {
    if (i > 1) out += ", ";
    out += "?" + std::to_string(i);
  }
  return out;
}

}  // namespace

Result<std::optional<ArticleRef>> SqliteStore::FindOne(std::string_view sql, std::string_view key,
                                                       std::optional<std::string_view> second,
                                                       bool pruned) {
  auto q = statements_.Get(sql);
  if (!q.ok()) return q.status();
  (*q)->BindText(1, key);
  if (second) (*q)->BindText(2, *second);
  Result<bool> row = (*q)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<ArticleRef>();
  return std::optional<ArticleRef>(ArticleRef{(*q)->ColumnInt(0), pruned});
}

Result<std::vector<TextCandidate>> SqliteStore::ReadTextCandidates(SqliteStatement* q) {
  std::vector<TextCandidate> out;
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    TextCandidate c;
    c.article_id = q->ColumnInt(0);
    c.title = q->ColumnText(1);
    c.same_source = q->ColumnBool(2);
    c.fingerprint.shingles = static_cast<std::uint32_t>(q->ColumnInt(3));
    if (q->ColumnIsNull(4) || DecodeSignature(q->ColumnText(4), &c.fingerprint))
      out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<TextCandidate>> SqliteStore::NearCandidates(const Fingerprint& fingerprint,
                                                               const std::string& source) {
  static const std::string kSql =
      "SELECT f.article_id, a.title, EXISTS (SELECT 1 FROM article_sources s "
      " WHERE s.article_id = f.article_id AND s.source = ?" +
      std::to_string(kBands + 1) +
      "), f.shingles, f.signature FROM ("
      " SELECT article_id, COUNT(*) AS shared FROM fingerprint_bands WHERE band IN (" +
      Placeholders(kBands) + ") GROUP BY article_id ORDER BY shared DESC, article_id LIMIT " +
      std::to_string(kMaxNearCandidates) +
      ") c JOIN article_fingerprints f ON f.article_id = c.article_id "
      "JOIN articles a ON a.id = f.article_id";
  auto q = statements_.Get(kSql);
  if (!q.ok()) return q.status();
  std::vector<std::int64_t> keys = BandKeys(fingerprint);
  for (int i = 0; i < kBands; ++i) (*q)->BindInt(i + 1, keys[i]);
  (*q)->BindText(kBands + 1, source);
  return ReadTextCandidates(&**q);
}

Result<IdentityEvidence> SqliteStore::GatherEvidence(const NewArticle& article,
                                                     std::optional<Fingerprint>* fingerprint) {
  IdentityEvidence e;
  auto take = [](Result<std::optional<ArticleRef>> found, std::optional<ArticleRef>* into) {
    if (!found.ok()) return found.status();
    if (!*into) *into = *found;
    return Status::Ok();
  };
  Status s;
  if (article.guid) {
    s = take(FindOne("SELECT article_id FROM article_sources WHERE source = ?1 AND guid = ?2",
                     article.source, *article.guid, false),
             &e.by_guid);
    if (s.ok() && !e.by_guid) {
      s = take(FindOne("SELECT article_id FROM pruned_guids WHERE source = ?1 AND guid = ?2",
                       article.source, *article.guid, true),
               &e.by_guid);
    }
    if (!s.ok()) return s;
    if (e.by_guid) return e;
  }
  for (auto [sql, pruned] :
       {std::pair{"SELECT id FROM articles WHERE canonical_url = ?1", false},
        std::pair{"SELECT article_id FROM article_merges WHERE canonical_url = ?1", false},
        std::pair{"SELECT id FROM pruned_articles WHERE canonical_url = ?1", true}}) {
    if (e.by_url) break;
    s = take(FindOne(sql, article.canonical_url, std::nullopt, pruned), &e.by_url);
    if (!s.ok()) return s;
  }
  if (e.by_url) return e;

  *fingerprint = FingerprintArticle(article.title, article.text);
  if (!*fingerprint) return e;
  // Pruned articles keep their hash but not their title or sources: a stock text seen
  // half a year ago must not swallow a new article, so only stored articles count here.
  auto same_body = statements_.Get(
      "SELECT a.id, a.title, EXISTS (SELECT 1 FROM article_sources s "
      " WHERE s.article_id = a.id AND s.source = ?2), 0, NULL "
      "FROM articles a WHERE a.content_hash = ?1 ORDER BY a.id LIMIT 8");
  if (!same_body.ok()) return same_body.status();
  (*same_body)->BindText(1, (*fingerprint)->content_hash).BindText(2, article.source);
  Result<std::vector<TextCandidate>> by_hash = ReadTextCandidates(&**same_body);
  if (!by_hash.ok()) return by_hash.status();
  e.by_content_hash = std::move(by_hash).value();
  if (identity_.threshold <= 0) return e;
  Result<std::vector<TextCandidate>> near = NearCandidates(**fingerprint, article.source);
  if (!near.ok()) return near.status();
  e.near = std::move(near).value();
  return e;
}

Result<std::int64_t> SqliteStore::InsertArticle(const NewArticle& article,
                                                const std::optional<Fingerprint>& fingerprint,
                                                Instant now) {
  auto ins = statements_.Get(
      "INSERT INTO articles (url, canonical_url, guid, title, author, summary, published, "
      "first_seen, alertable, content_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (!ins.ok()) return ins.status();
  (*ins)
      ->BindText(1, article.url)
      .BindText(2, article.canonical_url)
      .BindOptionalText(3, article.guid)
      .BindText(4, article.title)
      .BindOptionalText(5, article.author)
      .BindOptionalText(6, article.summary)
      .BindOptionalTime(7, article.published)
      .BindTime(8, now)
      .BindBool(9, article.alertable);
  if (fingerprint) {
    (*ins)->BindText(10, fingerprint->content_hash);
  } else {
    (*ins)->BindNull(10);
  }
  Status s = (*ins)->Run();
  if (!s.ok()) return s;
  std::int64_t id = db_.LastInsertRowId();
  if (!fingerprint) return id;

  auto sig = statements_.Get(
      "INSERT INTO article_fingerprints (article_id, shingles, signature) VALUES (?1, ?2, ?3)");
  if (!sig.ok()) return sig.status();
  s = (*sig)
          ->BindInt(1, id)
          .BindInt(2, fingerprint->shingles)
          .BindBlob(3, EncodeSignature(*fingerprint))
          .Run();
  if (!s.ok()) return s;
  auto band =
      statements_.Get("INSERT OR IGNORE INTO fingerprint_bands (band, article_id) VALUES (?1, ?2)");
  if (!band.ok()) return band.status();
  for (std::int64_t key : BandKeys(*fingerprint)) {
    (*band)->Reset();
    s = (*band)->BindInt(1, key).BindInt(2, id).Run();
    if (!s.ok()) return s;
  }
  return id;
}

Result<IdentityVerdict> SqliteStore::FindIdentity(const NewArticle& article) {
  std::optional<Fingerprint> fingerprint;
  Result<IdentityEvidence> evidence = GatherEvidence(article, &fingerprint);
  if (!evidence.ok()) return evidence.status();
  return DecideIdentity(IdentityItem{article.title, fingerprint}, *evidence, identity_);
}

Result<RecordOutcome> SqliteStore::RecordInTransaction(const NewArticle& article, Instant now) {
  std::optional<Fingerprint> fingerprint;
  Result<IdentityEvidence> evidence = GatherEvidence(article, &fingerprint);
  if (!evidence.ok()) return evidence.status();
  IdentityVerdict verdict =
      DecideIdentity(IdentityItem{article.title, fingerprint}, *evidence, identity_);

  if (verdict.rule == MatchRule::kGuid && !verdict.article.pruned) {
    return RecordOutcome{verdict.article.id, false, verdict.rule, 1.0};
  }
  if (verdict.article.pruned) {
    Result<RecordOutcome> seen = SeenPrunedInTransaction(verdict.article.id, article, now);
    if (seen.ok()) seen->rule = verdict.rule;
    return seen;
  }
  bool is_new = verdict.rule == MatchRule::kNew;
  std::int64_t id = verdict.article.id;
  if (is_new) {
    Result<std::int64_t> inserted = InsertArticle(article, fingerprint, now);
    if (!inserted.ok()) return inserted.status();
    id = *inserted;
    if (article.body) {
      Status stored = StoreBodyInTransaction(id, *article.body);
      if (!stored.ok()) return stored;
    }
  } else if (verdict.rule == MatchRule::kContentHash || verdict.rule == MatchRule::kNearDuplicate) {
    // A copy under another URL: its URL becomes a key of the article, and the admin can
    // see what was merged and why.
    auto merge = statements_.Get(
        "INSERT INTO article_merges (article_id, source, url, canonical_url, title, rule, "
        "similarity, merged_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
        "ON CONFLICT (canonical_url) DO NOTHING");
    if (!merge.ok()) return merge.status();
    Status s = (*merge)
                   ->BindInt(1, id)
                   .BindText(2, article.source)
                   .BindText(3, article.url)
                   .BindText(4, article.canonical_url)
                   .BindText(5, article.title)
                   .BindText(6, MatchRuleName(verdict.rule))
                   .BindDouble(7, verdict.similarity)
                   .BindTime(8, now)
                   .Run();
    if (!s.ok()) return s;
  }

  auto link = statements_.Get(
      "INSERT INTO article_sources (article_id, source, guid, seen_at) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (article_id, source) DO UPDATE SET guid = COALESCE(guid, excluded.guid)");
  if (!link.ok()) return link.status();
  (*link)
      ->BindInt(1, id)
      .BindText(2, article.source)
      .BindOptionalText(3, article.guid)
      .BindTime(4, now);
  Status s = (*link)->Run();
  if (!s.ok()) return s;
  return RecordOutcome{id, is_new, verdict.rule, verdict.similarity};
}

Result<std::vector<ArticleMerge>> SqliteStore::ListMerges(std::int64_t article_id, int limit) {
  auto q = statements_.Get(
      "SELECT article_id, source, url, canonical_url, title, rule, similarity, merged_at "
      "FROM article_merges WHERE ?1 = 0 OR article_id = ?1 "
      "ORDER BY CASE WHEN ?1 = 0 THEN -id ELSE id END LIMIT ?2");
  if (!q.ok()) return q.status();
  (*q)->BindInt(1, article_id).BindInt(2, limit);
  std::vector<ArticleMerge> out;
  for (;;) {
    Result<bool> row = (*q)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    ArticleMerge m;
    m.article_id = (*q)->ColumnInt(0);
    m.source = (*q)->ColumnText(1);
    m.url = (*q)->ColumnText(2);
    m.canonical_url = (*q)->ColumnText(3);
    m.title = (*q)->ColumnText(4);
    m.rule = ParseMatchRule((*q)->ColumnText(5));
    m.similarity = (*q)->ColumnDouble(6);
    m.merged_at = (*q)->ColumnTime(7);
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace gpalert
