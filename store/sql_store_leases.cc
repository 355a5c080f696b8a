// SqlStore's work sharing between daemons on one database: source leases, the digest
// pass's lock and the keys they share (docs/STORE.md, "Sharing the work"). The outbox claims are
// DueOutbox's (store/sql_store.cc).
#include <algorithm>
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
  for (const char* sql : {"UPDATE sources SET lease_until = ?2 WHERE leased_by = ?1",
                          "UPDATE host_slots SET held_until = ?2 WHERE held_by = ?1"}) {
    auto q = statements_.Get(sql);
    if (!q.ok()) return q.status();
    Status s = (*q)->BindText(1, holder).BindTime(2, until).Run();
    if (!s.ok()) return s.WithPrefix("renewing leases: ");
  }
  return Status::Ok();
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

Result<std::optional<int>> SqlStore::TakeHostSlot(const std::string& host, int slots,
                                                  const std::string& holder,
                                                  const std::string& source, Instant now,
                                                  Instant until) {
  if (!Shared()) return std::optional<int>(0);
  slots = std::max(1, slots);
  // The host's slot rows, made once per host and size by this process (any daemon may
  // have made them before: ON CONFLICT).
  int& made = host_slots_made_[host];
  if (made < slots) {
    auto row = statements_.Get(
        "INSERT INTO host_slots (host, slot) VALUES (?1, ?2) ON CONFLICT (host, slot) DO NOTHING");
    if (!row.ok()) return row.status();
    for (int slot = made; slot < slots; ++slot) {
      (*row)->Reset();
      Status s = (*row)->BindText(1, host).BindInt(2, slot).Run();
      if (!s.ok()) return s.WithPrefix("making the poll slots of " + host + ": ");
    }
    made = slots;
  }
  // A free slot no other daemon has waited for longer than kSlotPatience (another's
  // younger reservation stays on it). The condition
  // is checked again on the row itself: a daemon that picked the same slot a moment
  // earlier wins it, this one gets none this time (SKIP LOCKED makes that rare on
  // PostgreSQL: a slot being taken is passed over).
  constexpr std::string_view kTakeable =
      "(held_by IS NULL OR held_until < ?3) AND (next_by IS NULL OR next_by = ?2 OR next_until "
      "< ?3 OR next_since > ?7)";
  auto take = statements_.Get(
      "UPDATE host_slots SET held_by = ?2, held_until = ?4, source = ?5, next_by = NULLIF(next_by, "
      "?2), next_since = CASE WHEN next_by = ?2 THEN NULL ELSE next_since END, next_until = CASE "
      "WHEN next_by = ?2 THEN NULL ELSE next_until END WHERE host = ?1 AND slot = (SELECT slot "
      "FROM host_slots WHERE host = ?1 AND slot < ?6 AND " +
      std::string(kTakeable) + " ORDER BY slot LIMIT 1" + SkipLocked(engine()) + ") AND " +
      std::string(kTakeable) + " RETURNING slot");
  if (!take.ok()) return take.status();
  (*take)->BindText(1, host).BindText(2, holder).BindTime(3, now).BindTime(4, until);
  (*take)->BindText(5, source).BindInt(6, slots).BindTime(7, now - kSlotPatience);
  auto slot = OneInt(&**take);
  if (!slot.ok()) return slot.status().WithPrefix("taking a poll slot of " + host + ": ");
  if (*slot) {
    if (host_reserved_.erase(host) > 0) {  // a reservation on another slot is not needed now
      auto drop = statements_.Get(
          "UPDATE host_slots SET next_by = NULL, next_since = NULL, next_until = NULL WHERE host "
          "= ?1 AND next_by = ?2");
      if (!drop.ok()) return drop.status();
      Status s = (*drop)->BindText(1, host).BindText(2, holder).Run();
      if (!s.ok()) return s.WithPrefix("dropping a reservation of " + host + ": ");
    }
    return std::optional<int>(static_cast<int>(**slot));
  }
  // All held: reserve one (this daemon's own reservation first, its wait counted from
  // the first ask), so that once this daemon has waited kSlotPatience the slot goes to it
  // when its holder gives it back, not to the holder's next poll.
  constexpr std::string_view kReservable = "(next_by IS NULL OR next_by = ?2 OR next_until < ?3)";
  auto reserve = statements_.Get(
      "UPDATE host_slots SET next_by = ?2, next_until = ?4, next_since = CASE WHEN next_by = ?2 "
      "AND next_until >= ?3 THEN next_since ELSE ?3 END WHERE host = ?1 AND slot = (SELECT "
      "slot FROM host_slots WHERE host = ?1 AND slot < ?5 AND " +
      std::string(kReservable) +
      " ORDER BY CASE WHEN next_by = ?2 THEN 0 ELSE 1 END, slot LIMIT 1" + SkipLocked(engine()) +
      ") AND " + std::string(kReservable) + " RETURNING slot");
  if (!reserve.ok()) return reserve.status();
  (*reserve)->BindText(1, host).BindText(2, holder).BindTime(3, now);
  (*reserve)->BindTime(4, now + kSlotReservation).BindInt(5, slots);
  auto reserved = OneInt(&**reserve);
  if (!reserved.ok())
    return reserved.status().WithPrefix("reserving a poll slot of " + host + ": ");
  if (*reserved) host_reserved_.insert(host);
  return std::optional<int>();
}

Result<std::optional<std::int64_t>> SqlStore::OneInt(SqlStatement* q) {
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::int64_t>();
  std::int64_t value = q->ColumnInt(0);
  row = q->Step();  // to the end: the statement's write is done with it
  if (!row.ok()) return row.status();
  return std::optional<std::int64_t>(value);
}

Status SqlStore::FreeHostSlot(const std::string& host, int slot, const std::string& holder) {
  if (!Shared()) return Status::Ok();
  auto q = statements_.Get(
      "UPDATE host_slots SET held_by = NULL, held_until = NULL, source = NULL WHERE host = ?1 "
      "AND slot = ?2 AND held_by = ?3");
  if (!q.ok()) return q.status();
  return (*q)->BindText(1, host).BindInt(2, slot).BindText(3, holder).Run().WithPrefix(
      "giving back a poll slot of " + host + ": ");
}

Result<std::vector<HostSlot>> SqlStore::ListHostSlots(Instant now) {
  auto q = statements_.Get(
      "SELECT host, slot, held_by, held_until, source FROM host_slots WHERE held_by IS NOT NULL "
      "AND held_until >= ?1 ORDER BY host, slot");
  if (!q.ok()) return q.status();
  (*q)->BindTime(1, now);
  std::vector<HostSlot> out;
  for (;;) {
    Result<bool> row = (*q)->Step();
    if (!row.ok()) return row.status().WithPrefix("listing the hosts' poll slots: ");
    if (!*row) break;
    out.push_back(HostSlot{(*q)->ColumnText(0), static_cast<int>((*q)->ColumnInt(1)),
                           (*q)->ColumnText(2), (*q)->ColumnTime(3), (*q)->ColumnText(4)});
  }
  return out;
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
