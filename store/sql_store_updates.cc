// SqlStore's part of updates in place: an article a source shows again (same GUID or
// URL) with changed text. The text's hash (article_sources.text_hash, per source: copies
// merged from other sources keep their own) says cheaply whether it changed since that
// source last showed it; only then is it fingerprinted and weighed against the stored
// fingerprint — that of the text it was first stored or last alerted with, so light edits
// that add up do count. Each change is an article_updates row. Schema: store/migrations.cc,
// v10.
#include <string>

#include "store/sql_statement.h"
#include "store/sql_store.h"

namespace gpalert {

Status SqlStore::ReplaceFingerprint(std::int64_t id, const std::optional<Fingerprint>& old,
                                    bool old_banded, const Fingerprint& f) {
  // Rows still waiting in memory are checked at the next flush: the article's rows are
  // written only for the keys of the signature stored then.
  SuspectBands(id);
  if (old && old_banded) {
    Status s = DeleteBandRows(&statements_, id, *old);
    if (!s.ok()) return s;
  }
  auto hash = statements_.Get("UPDATE articles SET content_hash = ?2 WHERE id = ?1");
  if (!hash.ok()) return hash.status();
  Status s = (*hash)->BindInt(1, id).BindText(2, f.content_hash).Run();
  if (!s.ok()) return s;
  auto sig = statements_.Get(
      "INSERT INTO article_fingerprints (article_id, shingles, signature) "
      "VALUES (?1, ?2, ?3) ON CONFLICT (article_id) DO UPDATE SET "
      "shingles = excluded.shingles, signature = excluded.signature");
  if (!sig.ok()) return sig.status();
  s = (*sig)->BindInt(1, id).BindInt(2, f.shingles).BindBlob(3, EncodeSignature(f)).Run();
  if (!s.ok()) return s;
  return QueueBands(id, f);
}

Status SqlStore::SeeUpdateInTransaction(const NewArticle& article, std::int64_t text_hash,
                                        Instant now, RecordOutcome* out) {
  if (article.text.empty()) return Status::Ok();
  const std::int64_t id = out->article_id;
  {
    auto q = statements_.Get(
        "SELECT text_hash FROM article_sources WHERE article_id = ?1 AND source = ?2");
    if (!q.ok()) return q.status();
    Result<bool> row = (*q)->BindInt(1, id).BindText(2, article.source).Step();
    if (!row.ok()) return row.status();
    // Another source's article under the same URL is not this source's update.
    if (!*row) return Status::Ok();
    if (!(*q)->ColumnIsNull(0) && (*q)->ColumnInt(0) == text_hash) return Status::Ok();
  }
  std::optional<Fingerprint> stored;
  bool banded = false;
  bool alertable = false;
  {
    // Its band rows are written unless they wait in band_queue.
    auto q = statements_.Get(
        "SELECT a.content_hash, f.shingles, f.signature, NOT EXISTS (SELECT 1 FROM band_queue q "
        " WHERE q.article_id = a.id), a.alertable "
        "FROM articles a LEFT JOIN article_fingerprints f ON f.article_id = a.id "
        "WHERE a.id = ?1");
    if (!q.ok()) return q.status();
    Result<bool> row = (*q)->BindInt(1, id).Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    if (!(*q)->ColumnIsNull(0) && !(*q)->ColumnIsNull(2)) {
      Fingerprint f;
      f.content_hash = (*q)->ColumnText(0);
      f.shingles = static_cast<std::uint32_t>((*q)->ColumnInt(1));
      if (DecodeSignature((*q)->ColumnText(2), &f)) stored = std::move(f);
      banded = (*q)->ColumnBool(3);
    }
    alertable = (*q)->ColumnBool(4);
  }
  auto seen = statements_.Get(
      "UPDATE article_sources SET text_hash = ?3 WHERE article_id = ?1 AND source = ?2");
  if (!seen.ok()) return seen.status();
  Status s = (*seen)->BindInt(1, id).BindText(2, article.source).BindInt(3, text_hash).Run();
  if (!s.ok()) return s;

  std::optional<Fingerprint> current = FingerprintArticle(article.title, article.text);
  if (!current) return Status::Ok();  // too short a text to weigh
  // Stored before fingerprints were kept, or its text was too short then: nothing to
  // compare with, so this text becomes the reference.
  if (!stored) return ReplaceFingerprint(id, std::nullopt, false, *current);
  if (stored->content_hash == current->content_hash) return Status::Ok();  // markup only

  // Jaccard, not the containment copies are weighed by: an article that grew to many times
  // its length contains all of its old text, yet it changed.
  double similarity = EstimatedJaccard(*current, *stored);
  bool beyond = identity_.threshold > 0 && !IsNearDuplicate(similarity, identity_);
  bool realert = beyond && article.alert_updates && alertable;
  if (beyond) {
    s = ReplaceFingerprint(id, stored, banded, *current);
    if (!s.ok()) return s;
    // The stored text becomes the new one: an "updated" entry shows what changed to.
    auto text = statements_.Get("UPDATE articles SET title = ?2, summary = ?3 WHERE id = ?1");
    if (!text.ok()) return text.status();
    s = (*text)
            ->BindInt(1, id)
            .BindText(2, article.title)
            .BindOptionalText(3, article.summary)
            .Run();
    if (!s.ok()) return s;
    if (article.body) {
      auto drop = statements_.Get("DELETE FROM article_bodies WHERE article_id = ?1");
      if (!drop.ok()) return drop.status();
      s = (*drop)->BindInt(1, id).Run();
      if (!s.ok()) return s;
      s = StoreBodyInTransaction(id, *article.body);
      if (!s.ok()) return s;
    }
  }
  if (realert) {
    auto again =
        statements_.Get("UPDATE articles SET version = version + 1, updated_at = ?2 WHERE id = ?1");
    if (!again.ok()) return again.status();
    s = (*again)->BindInt(1, id).BindTime(2, now).Run();
    if (!s.ok()) return s;
  }
  auto log = statements_.Get(
      "INSERT INTO article_updates (article_id, source, url, title, similarity, beyond, "
      "realerted, seen_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!log.ok()) return log.status();
  s = (*log)
          ->BindInt(1, id)
          .BindText(2, article.source)
          .BindText(3, article.url)
          .BindText(4, article.title)
          .BindDouble(5, similarity)
          .BindBool(6, beyond)
          .BindBool(7, realert)
          .BindTime(8, now)
          .Run();
  if (!s.ok()) return s;
  out->updated = beyond;
  out->realerted = realert;
  return Status::Ok();
}

Result<std::vector<ArticleUpdate>> SqlStore::ListUpdates(std::int64_t article_id, int limit) {
  auto q = statements_.Get(
      "SELECT article_id, source, url, title, similarity, beyond, realerted, seen_at "
      "FROM article_updates WHERE ?1 = 0 OR article_id = ?1 "
      "ORDER BY CASE WHEN ?1 = 0 THEN -id ELSE id END LIMIT ?2");
  if (!q.ok()) return q.status();
  (*q)->BindInt(1, article_id).BindInt(2, limit);
  std::vector<ArticleUpdate> out;
  for (;;) {
    Result<bool> row = (*q)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    ArticleUpdate u;
    u.article_id = (*q)->ColumnInt(0);
    u.source = (*q)->ColumnText(1);
    u.url = (*q)->ColumnText(2);
    u.title = (*q)->ColumnText(3);
    u.similarity = (*q)->ColumnDouble(4);
    u.beyond = (*q)->ColumnBool(5);
    u.realerted = (*q)->ColumnBool(6);
    u.seen_at = (*q)->ColumnTime(7);
    out.push_back(std::move(u));
  }
  return out;
}

}  // namespace gpalert
