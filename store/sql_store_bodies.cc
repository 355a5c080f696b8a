// SqlStore's article bodies (table article_bodies, docs/STORE.md): the extracted page
// of a new article, kept for full-text digests until Prune drops the article (the row
// cascades). The owner thread only, as the rest of SqlStore.
#include <cstddef>
#include <string>

#include "store/sql_dialect.h"
#include "store/sql_statement.h"
#include "store/sql_store.h"

namespace gpalert {
namespace {

// A body's text or HTML past this many bytes is not kept whole: text is cut (on a
// character), HTML dropped (a cut would end mid-tag; the digest then uses the text).
// A digest shows at most [mail] max_full_text_size of article text anyway.
constexpr std::size_t kMaxStoredBytes = 1000 * 1000;

std::string CutUtf8(const std::string& s, std::size_t limit) {
  if (s.size() <= limit) return s;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut);
}

}  // namespace

Status SqlStore::StoreBodyInTransaction(std::int64_t article_id, const ArticleBody& body) {
  auto ins = statements_.Get(
      "INSERT INTO article_bodies (article_id, lead, text, html) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (article_id) DO NOTHING");
  if (!ins.ok()) return ins.status();
  std::optional<std::string> lead;
  if (body.lead) lead = CutUtf8(*body.lead, kMaxStoredBytes);
  return (*ins)
      ->BindInt(1, article_id)
      .BindOptionalText(2, lead)
      .BindText(3, CutUtf8(body.text, kMaxStoredBytes))
      .BindText(4, body.html.size() <= kMaxStoredBytes ? body.html : std::string())
      .Run();
}

Result<std::map<std::int64_t, ArticleBody>> SqlStore::ArticleBodies(
    const std::vector<std::int64_t>& ids, std::size_t max_total_bytes) {
  std::map<std::int64_t, ArticleBody> out;
  std::size_t total = 0;
  auto q = statements_.Get("SELECT lead, " + ByteLength(engine(), "text") + " + " +
                           ByteLength(engine(), "html") +
                           ", text, html FROM article_bodies WHERE article_id = ?1");
  if (!q.ok()) return q.status();
  for (std::int64_t id : ids) {
    (*q)->Reset();
    (*q)->BindInt(1, id);
    Result<bool> row = (*q)->Step();
    if (!row.ok()) return row.status();
    if (!*row) continue;
    ArticleBody body;
    body.lead = (*q)->ColumnOptionalText(0);
    auto size = static_cast<std::size_t>((*q)->ColumnInt(1));
    if (total + size <= max_total_bytes) {
      total += size;
      body.text = (*q)->ColumnText(2);
      body.html = (*q)->ColumnText(3);
    } else {
      total = max_total_bytes;  // the rest, in order, get their leads only
    }
    out.emplace(id, std::move(body));
  }
  return out;
}

}  // namespace gpalert
