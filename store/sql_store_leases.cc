// SqlStore's work sharing between daemons on one database: source leases, the digest
// pass's lock and the keys they share (docs/STORE.md, "Sharing the work"). The outbox claims are
// DueOutbox's (store/sql_store.cc).
#include <string>

#include "store/sql_dialect.h"
#include "store/sql_store.h"

namespace gpalert {

Result<bool> SqlStore::ClaimSource(const std::string& name, const std::string& url,
                                   const std::string& holder, Instant now, Instant until,
                                   std::optional<Instant> polled_before) {
  // A source never polled has no row yet: make one to hold the lease.
  auto row = statements_.Get(
      "INSERT INTO sources (name, url) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING");
  if (!row.ok()) return row.status();
  Status s = (*row)->BindText(1, name).BindText(2, url).Run();
  if (!s.ok()) return s.WithPrefix("claiming source \"" + name + "\": ");
  constexpr std::string_view kFree =
      "UPDATE sources SET leased_by = ?2, lease_until = ?4 WHERE name = ?1 AND (leased_by IS "
      "NULL OR lease_until < ?3 OR leased_by = ?2) AND ";
  auto claim = statements_.Get(std::string(kFree) + (polled_before
                                                         ? "(last_poll IS NULL OR last_poll < ?5)"
                                                         : "(next_due IS NULL OR next_due <= ?3)"));
  if (!claim.ok()) return claim.status();
  (*claim)->BindText(1, name).BindText(2, holder).BindTime(3, now).BindTime(4, until);
  if (polled_before) (*claim)->BindTime(5, *polled_before);
  s = (*claim)->Run();
  if (!s.ok()) return s.WithPrefix("claiming source \"" + name + "\": ");
  return db_->Changes() > 0;
}

Status SqlStore::RenewLeases(const std::string& holder, Instant until) {
  auto q = statements_.Get("UPDATE sources SET lease_until = ?2 WHERE leased_by = ?1");
  if (!q.ok()) return q.status();
  return (*q)->BindText(1, holder).BindTime(2, until).Run().WithPrefix("renewing leases: ");
}

Result<int> SqlStore::CountLiveLeases(Instant now) {
  auto q = statements_.Get(
      "SELECT COUNT(*) FROM sources WHERE leased_by IS NOT NULL AND lease_until >= ?1");
  if (!q.ok()) return q.status();
  (*q)->BindTime(1, now);
  Result<bool> row = (*q)->Step();
  if (!row.ok()) return row.status();
  return static_cast<int>(*row ? (*q)->ColumnInt(0) : 0);
}

Status SqlStore::LockDigestPass() {
  if (!Shared()) return Status::Ok();
  return db_->Exec("SELECT pg_advisory_lock(" + std::to_string(kDigestLockKey) + ")")
      .WithPrefix("waiting for the digest lock: ");
}

void SqlStore::UnlockDigestPass() {
  if (!Shared()) return;
  (void)db_->Exec("SELECT pg_advisory_unlock(" + std::to_string(kDigestLockKey) + ")");
}

Result<std::string> SqlStore::AgreeOnSecret(const std::string& name, const std::string& candidate) {
  if (!Shared()) return candidate;
  auto put = statements_.Get(
      "INSERT INTO shared_secrets (name, value) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING");
  if (!put.ok()) return put.status();
  Status s = (*put)->BindText(1, name).BindBlob(2, candidate).Run();
  if (!s.ok()) return s.WithPrefix("storing the shared " + name + " key: ");
  auto get = statements_.Get("SELECT value FROM shared_secrets WHERE name = ?1");
  if (!get.ok()) return get.status();
  (*get)->BindText(1, name);
  Result<bool> row = (*get)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("the shared " + name + " key vanished");
  return (*get)->ColumnText(0);
}

}  // namespace gpalert
