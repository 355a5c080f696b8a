#include "store/store_copy.h"

#include <string_view>

#include "store/sql_transaction.h"

namespace gpalert {
namespace {

// Parents before children (foreign keys). schema_version is not copied: the target's
// migrations made it. article_sources is read in rowid order, which is its sources'
// order (the target numbers its own rowid column as the rows arrive).
constexpr std::string_view kTables[] = {
    "sources",        "articles",          "article_sources", "article_fingerprints",
    "band_queue",     "fingerprint_bands", "article_merges",  "article_updates",
    "article_bodies", "subscribers",       "outbox",          "deliveries",
    "suppressions",   "pruned_articles",   "pruned_guids",    "bounces",
    "shared_secrets"};

struct Column {
  std::string name;
  std::string type;  // the target's information_schema data_type
  bool identity = false;
};

// The target's columns the copy fills: identity columns numbered BY DEFAULT too (the
// tables' "id": the copy keeps the source's values, which other tables refer to), not
// those numbered ALWAYS (article_sources' rowid: the target numbers its rows).
Result<std::vector<Column>> CopiedColumns(SqlConnection* to, std::string_view table) {
  Result<SqlStatement> q = to->Prepare(
      "SELECT column_name, data_type, is_identity = 'YES' FROM information_schema.columns "
      "WHERE table_schema = current_schema() AND table_name = ?1 AND is_generated = 'NEVER' "
      "AND COALESCE(identity_generation, '') <> 'ALWAYS' ORDER BY ordinal_position");
  if (!q.ok()) return q.status();
  q->BindText(1, table);
  std::vector<Column> out;
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back(Column{q->ColumnText(0), q->ColumnText(1), q->ColumnBool(2)});
  }
  return out;
}

Result<std::int64_t> Count(SqlConnection* db, const std::string& sql) {
  Result<SqlStatement> q = db->Prepare(sql);
  if (!q.ok()) return q.status();
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  return *row ? q->ColumnInt(0) : 0;
}

Result<std::int64_t> CopyTable(SqlConnection* from, SqlConnection* to, std::string_view table) {
  Result<std::vector<Column>> columns = CopiedColumns(to, table);
  if (!columns.ok()) return columns.status();
  if (columns->empty()) return Status::Internal("the target has no table " + std::string(table));
  std::string names;
  std::string params;
  for (std::size_t i = 0; i < columns->size(); ++i) {
    names += (i ? ", " : "") + (*columns)[i].name;
    params += (i ? ", ?" : "?") + std::to_string(i + 1);
  }
  std::string select = "SELECT " + names + " FROM " + std::string(table);
  if (table == "article_sources") select += " ORDER BY rowid";
  bool identity = false;
  for (const Column& c : *columns) identity = identity || c.identity;
  Result<SqlStatement> read = from->Prepare(select);
  if (!read.ok()) return read.status();
  Result<SqlStatement> write =
      to->Prepare("INSERT INTO " + std::string(table) + " (" + names + ")" +
                  (identity ? " OVERRIDING SYSTEM VALUE" : "") + " VALUES (" + params + ")");
  if (!write.ok()) return write.status();
  std::int64_t rows = 0;
  for (;;) {
    Result<bool> row = read->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    write->Reset();
    for (std::size_t i = 0; i < columns->size(); ++i) {
      int col = static_cast<int>(i);
      const std::string& type = (*columns)[i].type;
      if (read->ColumnIsNull(col)) {
        write->BindNull(col + 1);
      } else if (type == "bigint" || type == "integer") {
        write->BindInt(col + 1, read->ColumnInt(col));
      } else if (type == "double precision") {
        write->BindDouble(col + 1, read->ColumnDouble(col));
      } else if (type == "bytea") {
        write->BindBlob(col + 1, read->ColumnText(col));
      } else {
        write->BindText(col + 1, read->ColumnText(col));
      }
    }
    Status s = write->Run();
    if (!s.ok()) return s.WithPrefix(std::string(table) + ": ");
    ++rows;
  }
  if (identity) {
    Status s = to->Exec("SELECT setval(pg_get_serial_sequence('" + std::string(table) +
                        "', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM " + std::string(table) +
                        "), false)");
    if (!s.ok()) return s;
  }
  return rows;
}

}  // namespace

Result<CopyCounts> CopySqliteToPostgres(SqlConnection* from, SqlConnection* to) {
  if (from->engine() != SqlEngine::kSqlite || to->engine() != SqlEngine::kPostgres) {
    return Status::InvalidArgument("migrate copies an SQLite state into PostgreSQL");
  }
  Result<std::int64_t> used = Count(to,
                                    "SELECT (SELECT COUNT(*) FROM articles) + (SELECT COUNT(*) "
                                    "FROM subscribers) + (SELECT COUNT(*) FROM outbox)");
  if (!used.ok()) return used.status();
  if (*used > 0) {
    return Status::InvalidArgument(to->name() +
                                   " holds gpalert state already (articles, subscribers or "
                                   "mail): migrate into an empty database");
  }
  Result<SqlTransaction> tx = SqlTransaction::Begin(to);
  if (!tx.ok()) return tx.status();
  // The target's own rows (a daemon's first run may have made sources or a key): the
  // copy replaces them.
  Status s = to->Exec("DELETE FROM sources; DELETE FROM shared_secrets;");
  if (!s.ok()) return s;
  CopyCounts counts;
  for (std::string_view table : kTables) {
    Result<std::int64_t> n = CopyTable(from, to, table);
    if (!n.ok()) return n.status().WithPrefix("copying " + std::string(table) + ": ");
    counts.emplace_back(std::string(table), *n);
  }
  s = tx->Commit();
  if (!s.ok()) return s;
  return counts;
}

}  // namespace gpalert
