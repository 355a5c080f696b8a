// SqlStore's part of article identity: gathering the evidence DecideIdentity
// (alerts/dedup/identity.h) weighs, each part through its own index, and acting on its
// verdict — a new article with its fingerprint, or a link to the stored one (and, for a
// copy under another URL, an article_merges row). Schema: store/migrations.cc, v4.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>

#include "store/sql_dialect.h"
#include "store/sql_statement.h"
#include "store/sql_store.h"

namespace gpalert {
namespace {

// Candidates a near-duplicate lookup weighs at most: articles sharing a band with the
// item, most shared bands first (the likeliest duplicates).
constexpr std::size_t kMaxNearCandidates = 64;
// Articles read per band: a band many articles share says little about any of them.
constexpr std::size_t kMaxPerBand = 32;

}  // namespace

Result<std::vector<TextCandidate>> SqlStore::ReadTextCandidates(SqlStatement* q) {
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

Result<std::vector<TextCandidate>> SqlStore::NearCandidates(const Fingerprint& fingerprint,
                                                            const std::string& source) {
  // Each band's newest kMaxPerBand articles, counted: the work is bounded however many
  // articles share a band (a site's stock phrases, a small vocabulary), and the articles
  // sharing the most bands come first.
  auto band = statements_.Get(
      "SELECT article_id FROM fingerprint_bands WHERE band = ?1 ORDER BY article_id DESC LIMIT " +
      std::to_string(kMaxPerBand));
  if (!band.ok()) return band.status();
  // The filter knows the band keys this connection wrote or read when it built it: on a
  // shared store other daemons add rows it never sees, so there every band is sought.
  bool filtered = false;
  if (!Shared()) {
    Result<bool> wanted = BandFilterWanted();
    if (!wanted.ok()) return wanted.status();
    filtered = *wanted;
  }
  std::unordered_map<std::int64_t, int> shared;
  std::vector<std::int64_t> waiting;
  const std::vector<std::int64_t> keys = BandKeys(fingerprint);
  if (engine() == SqlEngine::kPostgres) {
    // Every band in one statement: a round trip to the server costs more than the seeks.
    auto all = statements_.Get(
        "SELECT f.article_id FROM unnest(?1::bigint[]) AS b(band) CROSS JOIN LATERAL (SELECT "
        "article_id FROM fingerprint_bands WHERE band = b.band ORDER BY article_id DESC LIMIT " +
        std::to_string(kMaxPerBand) + ") AS f");
    if (!all.ok()) return all.status();
    (*all)->BindText(1, PostgresIntArray(keys));
    for (;;) {
      Result<bool> row = (*all)->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      ++shared[(*all)->ColumnInt(0)];
    }
  }
  for (std::int64_t key : keys) {
    // Most bands of a new article are shared by no stored one: the filter saves the seek
    // (pending rows are looked up below all the same).
    if (engine() != SqlEngine::kPostgres && (!filtered || band_filter_.MayContain(key))) {
      if (!filtered) ++unfiltered_seeks_;
      (*band)->Reset();
      (*band)->BindInt(1, key);
      for (;;) {
        Result<bool> row = (*band)->Step();
        if (!row.ok()) return row.status();
        if (!*row) break;
        ++shared[(*band)->ColumnInt(0)];
      }
    }
    // Not yet in the table: the newest kMaxPerBand of those waiting.
    waiting.clear();
    pending_bands_.Lookup(key, kMaxPerBand, &waiting);
    for (std::int64_t id : waiting) ++shared[id];
  }
  std::vector<std::pair<int, std::int64_t>> ranked;  // (-shared bands, id): most, then oldest
  ranked.reserve(shared.size());
  for (const auto& [id, n] : shared) ranked.emplace_back(-n, id);
  std::size_t keep = std::min<std::size_t>(ranked.size(), kMaxNearCandidates);
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep),
                    ranked.end());
  ranked.resize(keep);

  auto one = statements_.Get(
      "SELECT f.article_id, a.title, EXISTS (SELECT 1 FROM article_sources s "
      " WHERE s.article_id = f.article_id AND s.source = ?2), f.shingles, f.signature "
      "FROM article_fingerprints f JOIN articles a ON a.id = f.article_id "
      "WHERE f.article_id = ?1");
  if (!one.ok()) return one.status();
  std::vector<TextCandidate> out;
  for (const auto& [negative_shared, id] : ranked) {
    (*one)->Reset();
    (*one)->BindInt(1, id).BindText(2, source);
    Result<std::vector<TextCandidate>> rows = ReadTextCandidates(&**one);
    if (!rows.ok()) return rows.status();
    for (TextCandidate& c : *rows) out.push_back(std::move(c));
  }
  return out;
}

Result<IdentityEvidence> SqlStore::GatherEvidence(const NewArticle& article,
                                                  std::optional<Fingerprint>* fingerprint,
                                                  std::optional<std::int64_t>* guid_text_hash) {
  IdentityEvidence e;
  // Each key in one statement over the tables that hold it: a statement's step costs
  // about as much as its seek, and every new item asks all of them. UNION ALL runs its
  // parts in order and LIMIT 1 stops at the first row, so a known item (most of a poll's)
  // costs one seek; a key is in one of the tables (a pruned article's keys move out of
  // the stored ones), so which is asked first changes no answer.
  if (article.guid) {
    auto q = statements_.Get(
        "SELECT article_id, text_hash, 0 FROM article_sources WHERE source = ?1 AND guid = ?2 "
        "UNION ALL SELECT article_id, NULL, 1 FROM pruned_guids WHERE source = ?1 AND guid = ?2 "
        "LIMIT 1");
    if (!q.ok()) return q.status();
    Result<bool> row = (*q)->BindText(1, article.source).BindText(2, *article.guid).Step();
    if (!row.ok()) return row.status();
    if (*row) {
      e.by_guid = ArticleRef{(*q)->ColumnInt(0), (*q)->ColumnInt(2) == 1};
      if (!(*q)->ColumnIsNull(1)) *guid_text_hash = (*q)->ColumnInt(1);
      return e;
    }
  }
  {
    // A stored article's URL, a merged copy's (its article's key now) or a pruned one's.
    auto q = statements_.Get(
        "SELECT id, 0 FROM articles WHERE canonical_url = ?1 UNION ALL "
        "SELECT article_id, 1 FROM article_merges WHERE canonical_url = ?1 UNION ALL "
        "SELECT id, 2 FROM pruned_articles WHERE canonical_url = ?1 LIMIT 1");
    if (!q.ok()) return q.status();
    Result<bool> row = (*q)->BindText(1, article.canonical_url).Step();
    if (!row.ok()) return row.status();
    if (*row) {
      e.by_url = ArticleRef{(*q)->ColumnInt(0), (*q)->ColumnInt(1) == 2};
      return e;
    }
  }

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

Result<std::int64_t> SqlStore::InsertArticle(const NewArticle& article,
                                             const std::optional<Fingerprint>& fingerprint,
                                             Instant now) {
  auto ins = statements_.Get(
      "INSERT INTO articles (url, canonical_url, guid, title, author, summary, published, "
      "first_seen, alertable, content_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
      "RETURNING id");
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
  Result<std::int64_t> inserted = (*ins)->RunReturningId();
  if (!inserted.ok()) return inserted.status();
  std::int64_t id = *inserted;
  if (!fingerprint) return id;

  auto sig = statements_.Get(
      "INSERT INTO article_fingerprints (article_id, shingles, signature) VALUES (?1, ?2, ?3)");
  if (!sig.ok()) return sig.status();
  Status s = (*sig)
                 ->BindInt(1, id)
                 .BindInt(2, fingerprint->shingles)
                 .BindBlob(3, EncodeSignature(*fingerprint))
                 .Run();
  if (!s.ok()) return s;
  s = QueueBands(id, *fingerprint);
  if (!s.ok()) return s;
  return id;
}

Result<IdentityVerdict> SqlStore::FindIdentity(const NewArticle& article) {
  std::optional<Fingerprint> fingerprint;
  std::optional<std::int64_t> guid_text_hash;
  Result<IdentityEvidence> evidence = GatherEvidence(article, &fingerprint, &guid_text_hash);
  if (!evidence.ok()) return evidence.status();
  return DecideIdentity(IdentityItem{article.title, fingerprint}, *evidence, identity_);
}

Result<RecordOutcome> SqlStore::RecordInTransaction(const NewArticle& article, Instant now) {
  std::optional<Fingerprint> fingerprint;
  std::optional<std::int64_t> guid_text_hash;
  Result<IdentityEvidence> evidence = GatherEvidence(article, &fingerprint, &guid_text_hash);
  if (!evidence.ok()) return evidence.status();
  IdentityVerdict verdict =
      DecideIdentity(IdentityItem{article.title, fingerprint}, *evidence, identity_);
  const std::int64_t text_hash = article.text.empty() ? 0 : TextHash(article.text);

  if (verdict.rule == MatchRule::kGuid && !verdict.article.pruned) {
    RecordOutcome known{verdict.article.id, false, verdict.rule, 1.0};
    // The source shows the text it showed last time (a feed's items, poll after poll):
    // nothing more to read.
    if (article.text.empty() || guid_text_hash == text_hash) return known;
    Status s = SeeUpdateInTransaction(article, text_hash, now, &known);
    if (!s.ok()) return s;
    return known;
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

  if (!is_new) {
    // Found in a source it was not in: subscribers it was settled for without a message
    // (their filters did not take it) are weighed again, with this source among its own.
    auto unsettle = statements_.Get(
        "DELETE FROM deliveries WHERE article_id = ?1 AND outbox_id IS NULL AND NOT EXISTS "
        "(SELECT 1 FROM article_sources WHERE article_id = ?1 AND source = ?2)");
    if (!unsettle.ok()) return unsettle.status();
    Status s = (*unsettle)->BindInt(1, id).BindText(2, article.source).Run();
    if (!s.ok()) return s;
  }
  auto link = statements_.Get(
      "INSERT INTO article_sources (article_id, source, guid, seen_at, text_hash) "
      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (article_id, source) DO UPDATE SET "
      "guid = COALESCE(article_sources.guid, excluded.guid), "
      "text_hash = COALESCE(article_sources.text_hash, excluded.text_hash)");
  if (!link.ok()) return link.status();
  (*link)
      ->BindInt(1, id)
      .BindText(2, article.source)
      .BindOptionalText(3, article.guid)
      .BindTime(4, now);
  if (article.text.empty()) {
    (*link)->BindNull(5);
  } else {
    (*link)->BindInt(5, text_hash);
  }
  RecordOutcome out{id, is_new, verdict.rule, verdict.similarity};
  // Same URL: an update in place when the source already held it (checked before the
  // link below makes every source hold it).
  if (verdict.rule == MatchRule::kUrl) {
    Status seen = SeeUpdateInTransaction(article, text_hash, now, &out);
    if (!seen.ok()) return seen;
  }
  Status s = (*link)->Run();
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<ArticleMerge>> SqlStore::ListMerges(std::int64_t article_id, int limit) {
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
