// SqlStore::Totals: row counts for monitoring, kept apart from the store's
// transactional code. One statement, so one consistent read snapshot.
#include "store/sql_store.h"

#include "store/sql_statement.h"

namespace gpalert {

Result<StoreTotals> SqlStore::Totals() {
  Result<SqlStatement> q = Prepare(
      "SELECT (SELECT count(*) FROM articles),"
      " (SELECT count(*) FROM outbox WHERE state = 'pending'),"
      " (SELECT count(*) FROM outbox WHERE state = 'sent'),"
      " (SELECT count(*) FROM outbox WHERE state = 'parked'),"
      " (SELECT count(*) FROM suppressions)");
  if (!q.ok()) return q.status();
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  StoreTotals totals;
  if (!row.value()) return totals;
  totals.articles = q->ColumnInt(0);
  totals.outbox_pending = q->ColumnInt(1);
  totals.outbox_sent = q->ColumnInt(2);
  totals.outbox_parked = q->ColumnInt(3);
  totals.suppressions = q->ColumnInt(4);
  return totals;
}

}  // namespace gpalert
