// SqlStore's subscriber records (docs/STORE.md, "Subscribers"): reading them, the
// self/admin-origin rows' life cycle (add, activate, status, settings, remove) and the
// suppressions that unsubscribing leaves. The owner thread only, as the rest of SqlStore.
#include <string>
#include <vector>

#include "store/sql_statement.h"
#include "store/sql_store.h"
#include "store/sql_transaction.h"

namespace gpalert {
namespace {

// Keep in step with SubscriberFromRow.
constexpr std::string_view kSubscriberColumns =
    "email, since, last_digest, max_message_bytes, origin, state, name, digest, at_minutes, "
    "weekday, timezone, sources, tags, keywords, created, confirmed_at, consent_at, "
    "consent_address, consent_user_agent, state_changed, confirmation_sent, paused_until";

// Lists are stored joined by newlines (the settings are validated printable text).
std::string JoinLines(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += '\n';
    out += item;
  }
  return out;
}

std::vector<std::string> SplitLines(const std::string& joined) {
  std::vector<std::string> out;
  if (joined.empty()) return out;
  std::size_t start = 0;
  for (;;) {
    std::size_t end = joined.find('\n', start);
    out.push_back(joined.substr(start, end - start));
    if (end == std::string::npos) return out;
    start = end + 1;
  }
}

// Binds the settings' eight columns (name, digest, at_minutes, weekday, timezone, sources,
// tags, keywords) to ?first ... ?first+7.
void BindSettings(SqlStatement* q, int first, const SubscriberSettings& set) {
  q->BindText(first, set.name)
      .BindText(first + 1, set.digest)
      .BindInt(first + 2, set.at_minutes)
      .BindInt(first + 3, set.weekday)
      .BindText(first + 4, set.timezone)
      .BindText(first + 5, JoinLines(set.sources))
      .BindText(first + 6, JoinLines(set.tags))
      .BindText(first + 7, JoinLines(set.keywords));
}

SubscriberState SubscriberFromRow(const SqlStatement& q) {
  SubscriberState s;
  s.email = q.ColumnText(0);
  s.since = q.ColumnTime(1);
  s.last_digest = q.ColumnOptionalTime(2);
  if (!q.ColumnIsNull(3)) s.max_message_bytes = q.ColumnInt(3);
  ParseSubscriberOrigin(q.ColumnText(4), &s.origin);  // CHECK constraints keep these known
  ParseSubscriberStatus(q.ColumnText(5), &s.status);
  s.settings.name = q.ColumnText(6);
  s.settings.digest = q.ColumnText(7);
  s.settings.at_minutes = static_cast<int>(q.ColumnInt(8));
  s.settings.weekday = static_cast<int>(q.ColumnInt(9));
  s.settings.timezone = q.ColumnText(10);
  s.settings.sources = SplitLines(q.ColumnText(11));
  s.settings.tags = SplitLines(q.ColumnText(12));
  s.settings.keywords = SplitLines(q.ColumnText(13));
  s.created = q.ColumnTime(14);
  s.confirmed = q.ColumnOptionalTime(15);
  if (!q.ColumnIsNull(16)) {
    s.consent = ConsentRecord{q.ColumnTime(16), q.ColumnText(17), q.ColumnText(18)};
  }
  s.status_changed = q.ColumnOptionalTime(19);
  s.confirmation_sent = q.ColumnOptionalTime(20);
  s.paused_until = q.ColumnOptionalTime(21);
  return s;
}

Status WithContext(const Status& s, const std::string& context) {
  if (s.ok()) return s;
  return Status::IoError(context + ": " + s.message());
}

}  // namespace

Result<std::vector<SubscriberState>> SqlStore::ReadSubscribers(SqlStatement* q) {
  std::vector<SubscriberState> out;
  for (;;) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back(SubscriberFromRow(*q));
  }
}

Result<std::optional<SubscriberState>> SqlStore::GetSubscriber(const std::string& email) {
  Result<SqlStatement> q = Prepare(std::string("SELECT ") + std::string(kSubscriberColumns) +
                                   " FROM subscribers WHERE email = ?1");
  if (!q.ok()) return q.status();
  q->BindText(1, email);
  Result<std::vector<SubscriberState>> rows = ReadSubscribers(&*q);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<SubscriberState>();
  return std::optional<SubscriberState>(std::move(rows->front()));
}

Result<std::vector<SubscriberState>> SqlStore::ListSubscribers() {
  Result<SqlStatement> q = Prepare(std::string("SELECT ") + std::string(kSubscriberColumns) +
                                   " FROM subscribers ORDER BY email");
  if (!q.ok()) return q.status();
  return ReadSubscribers(&*q);
}

Result<bool> SqlStore::AddSubscriber(const SubscriberState& sub, Instant now) {
  const SubscriberSettings& set = sub.settings;
  bool active = sub.status == SubscriberStatus::kActive;
  Result<SqlStatement> q = Prepare(
      "INSERT INTO subscribers (email, since, created, origin, state, name, digest, "
      "at_minutes, weekday, timezone, sources, tags, keywords, confirmed_at, consent_at, "
      "consent_address, consent_user_agent, state_changed) "
      "VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?2) "
      "ON CONFLICT DO NOTHING");
  if (!q.ok()) return q.status();
  q->BindText(1, sub.email)
      .BindTime(2, now)
      .BindText(3, SubscriberOriginName(sub.origin))
      .BindText(4, SubscriberStatusName(sub.status));
  BindSettings(&*q, 5, set);
  if (active) {
    q->BindTime(13, now);
  } else {
    q->BindNull(13);
  }
  if (sub.consent) {
    q->BindTime(14, sub.consent->at)
        .BindText(15, sub.consent->address)
        .BindText(16, sub.consent->user_agent);
  } else {
    q->BindNull(14).BindNull(15).BindNull(16);
  }
  Status s = q->Run();
  if (!s.ok()) return WithContext(s, "adding subscriber " + sub.email);
  return db_->Changes() > 0;
}

Status SqlStore::UpdateSubscriberRow(SqlStatement* q, const std::string& email,
                                     const std::string& context) {
  Status s = q->Run();
  if (!s.ok()) return WithContext(s, context);
  if (db_->Changes() == 0) return Status::NotFound("no subscriber " + email + " in " + name());
  return Status::Ok();
}

Status SqlStore::ActivateSubscriber(const std::string& email, const ConsentRecord& consent,
                                    Instant now) {
  std::string context = "activating subscriber " + email;
  Result<SqlTransaction> tx = SqlTransaction::Begin(db_.get());
  if (!tx.ok()) return tx.status();
  Result<SqlStatement> q = Prepare(
      "UPDATE subscribers SET since = CASE WHEN state = 'active' THEN since ELSE ?2 END, "
      "state_changed = CASE WHEN state = 'active' THEN state_changed ELSE ?2 END, "
      "state = 'active', confirmed_at = ?2, consent_at = ?3, consent_address = ?4, "
      "consent_user_agent = ?5 WHERE email = ?1");
  if (!q.ok()) return q.status();
  q->BindText(1, email)
      .BindTime(2, now)
      .BindTime(3, consent.at)
      .BindText(4, consent.address)
      .BindText(5, consent.user_agent);
  Status s = UpdateSubscriberRow(&*q, email, context);
  if (!s.ok()) return s;
  Result<SqlStatement> unsuppress = Prepare("DELETE FROM suppressions WHERE email = ?1");
  if (!unsuppress.ok()) return unsuppress.status();
  s = unsuppress->BindText(1, email).Run();
  if (!s.ok()) return WithContext(s, context);
  return WithContext(tx->Commit(), context);
}

Status SqlStore::SuppressInTransaction(const std::string& email, const std::string& reason,
                                       SubscriberStatus status, Instant now) {
  Result<SqlStatement> q = Prepare(
      "INSERT INTO suppressions (email, reason, created) VALUES (?1, ?2, ?3) "
      "ON CONFLICT DO NOTHING");
  if (!q.ok()) return q.status();
  q->BindText(1, email).BindText(2, reason).BindTime(3, now);
  Status s = q->Run();
  if (!s.ok()) return s;
  // An admin's suppression overrides the reader's leave; a leave never lifts it.
  Result<SqlStatement> mark = Prepare(
      "UPDATE subscribers SET state = ?2, state_changed = ?3 WHERE email = ?1 AND state <> ?2 "
      "AND state <> 'suppressed'");
  if (!mark.ok()) return mark.status();
  return mark->BindText(1, email).BindText(2, SubscriberStatusName(status)).BindTime(3, now).Run();
}

Status SqlStore::AddSuppression(const std::string& email, const std::string& reason, Instant now) {
  std::string context = "suppressing " + email;
  Result<SqlTransaction> tx = SqlTransaction::Begin(db_.get());
  if (!tx.ok()) return tx.status();
  Status s = SuppressInTransaction(email, reason, SubscriberStatus::kUnsubscribed, now);
  if (!s.ok()) return WithContext(s, context);
  return WithContext(tx->Commit(), context);
}

Status SqlStore::SetSubscriberStatus(const std::string& email, SubscriberStatus status,
                                     const std::string& reason, Instant now) {
  if (status == SubscriberStatus::kActive) {
    return Status::InvalidArgument("a subscriber becomes active only with their consent");
  }
  std::string context =
      std::string("marking subscriber ") + email + " " + SubscriberStatusName(status);
  Result<SqlTransaction> tx = SqlTransaction::Begin(db_.get());
  if (!tx.ok()) return tx.status();
  Result<std::optional<SubscriberState>> row = GetSubscriber(email);
  if (!row.ok()) return WithContext(row.status(), context);
  if (!*row) return Status::NotFound("no subscriber " + email + " in " + name());
  Status s;
  if (status == SubscriberStatus::kUnsubscribed || status == SubscriberStatus::kSuppressed) {
    s = SuppressInTransaction(email, reason, status, now);
    if (!s.ok()) return WithContext(s, context);
    if (status == SubscriberStatus::kSuppressed) {
      // An earlier leave is now the admin's block.
      Result<SqlStatement> q = Prepare(
          "UPDATE subscribers SET state = 'suppressed', state_changed = ?2 WHERE email = ?1 "
          "AND state <> 'suppressed'");
      if (!q.ok()) return q.status();
      s = q->BindText(1, email).BindTime(2, now).Run();
      if (!s.ok()) return WithContext(s, context);
    }
  } else {
    Result<SqlStatement> q = Prepare(
        "UPDATE subscribers SET state = ?2, state_changed = ?3 WHERE email = ?1 AND state <> ?2");
    if (!q.ok()) return q.status();
    s = q->BindText(1, email).BindText(2, SubscriberStatusName(status)).BindTime(3, now).Run();
    if (!s.ok()) return WithContext(s, context);
  }
  return WithContext(tx->Commit(), context);
}

Status SqlStore::SetSubscriberSettings(const std::string& email, const SubscriberSettings& set) {
  Result<SqlStatement> q = Prepare(
      "UPDATE subscribers SET name = ?2, digest = ?3, at_minutes = ?4, weekday = ?5, "
      "timezone = ?6, sources = ?7, tags = ?8, keywords = ?9 WHERE email = ?1");
  if (!q.ok()) return q.status();
  q->BindText(1, email);
  BindSettings(&*q, 2, set);
  return UpdateSubscriberRow(&*q, email, "changing the settings of " + email);
}

Result<std::int64_t> SqlStore::QueueConfirmation(const std::string& email,
                                                 const OutboxMessage& message, Instant now) {
  std::string context = "queueing the confirmation mail to " + email;
  Result<SqlTransaction> tx = SqlTransaction::Begin(db_.get());
  if (!tx.ok()) return tx.status();
  Result<SqlStatement> q =
      Prepare("UPDATE subscribers SET confirmation_sent = ?2 WHERE email = ?1");
  if (!q.ok()) return q.status();
  q->BindText(1, email).BindTime(2, now);
  Status s = UpdateSubscriberRow(&*q, email, context);
  if (!s.ok()) return s;
  Result<SqlStatement> out = Prepare(
      "INSERT INTO outbox (message_id, subscriber, bytes, state, attempts, created, kind) "
      "VALUES (?1, ?2, ?3, 'pending', 0, ?4, 'transactional') RETURNING id");
  if (!out.ok()) return out.status();
  Result<std::int64_t> id = out->BindText(1, message.message_id)
                                .BindText(2, email)
                                .BindBlob(3, message.bytes)
                                .BindTime(4, now)
                                .RunReturningId();
  if (!id.ok()) return WithContext(id.status(), context);
  s = tx->Commit();
  if (!s.ok()) return WithContext(s, context);
  return id;
}

Result<Store::BounceCounts> SqlStore::RecordBounce(const std::string& email, bool hard,
                                                   const std::string& status, Instant now) {
  std::string context = "recording a bounce of " + email;
  Result<SqlTransaction> tx = SqlTransaction::Begin(db_.get());
  if (!tx.ok()) return tx.status();
  using std::chrono::days;
  Result<SqlStatement> old = Prepare("DELETE FROM bounces WHERE email = ?1 AND at < ?2");
  if (!old.ok()) return old.status();
  Status s = old->BindText(1, email).BindTime(2, now - days(30)).Run();
  if (!s.ok()) return WithContext(s, context);
  Result<SqlStatement> ins =
      Prepare("INSERT INTO bounces (email, at, hard, status) VALUES (?1, ?2, ?3, ?4)");
  if (!ins.ok()) return ins.status();
  s = ins->BindText(1, email).BindTime(2, now).BindBool(3, hard).BindText(4, status).Run();
  if (!s.ok()) return WithContext(s, context);
  Result<SqlStatement> count = Prepare(
      "SELECT COALESCE(SUM(hard), 0), COALESCE(SUM(1 - hard), 0) FROM bounces "
      "WHERE email = ?1 AND at >= ?2");
  if (!count.ok()) return count.status();
  count->BindText(1, email).BindTime(2, now - days(14));
  Result<bool> row = count->Step();
  if (!row.ok()) return WithContext(row.status(), context);
  BounceCounts counts;
  counts.hard = static_cast<int>(count->ColumnInt(0));
  counts.soft = static_cast<int>(count->ColumnInt(1));
  if (counts.hard >= 2) {
    Result<SqlStatement> mark = Prepare(
        "UPDATE subscribers SET state = 'bouncing', state_changed = ?2 WHERE email = ?1 AND "
        "state = 'active'");
    if (!mark.ok()) return mark.status();
    s = mark->BindText(1, email).BindTime(2, now).Run();
    if (!s.ok()) return WithContext(s, context);
    counts.marked_bouncing = db_->Changes() > 0;
  }
  s = tx->Commit();
  if (!s.ok()) return WithContext(s, context);
  return counts;
}

Status SqlStore::SetPausedUntil(const std::string& email, std::optional<Instant> until) {
  Result<SqlStatement> q = Prepare("UPDATE subscribers SET paused_until = ?2 WHERE email = ?1");
  if (!q.ok()) return q.status();
  q->BindText(1, email).BindOptionalTime(2, until);
  return UpdateSubscriberRow(&*q, email, "pausing " + email);
}

Result<bool> SqlStore::RemoveSubscriber(const std::string& email) {
  std::string context = "removing subscriber " + email;
  Result<SqlTransaction> tx = SqlTransaction::Begin(db_.get());
  if (!tx.ok()) return tx.status();
  // Deliveries first (they reference the row and the outbox), then the unsent mail.
  for (const char* sql : {"DELETE FROM deliveries WHERE subscriber = ?1",
                          "DELETE FROM outbox WHERE subscriber = ?1 AND state <> 'sent'",
                          "DELETE FROM subscribers WHERE email = ?1"}) {
    Result<SqlStatement> q = Prepare(sql);
    if (!q.ok()) return q.status();
    Status s = q->BindText(1, email).Run();
    if (!s.ok()) return WithContext(s, context);
  }
  bool removed = db_->Changes() > 0;
  Status s = tx->Commit();
  if (!s.ok()) return WithContext(s, context);
  return removed;
}

}  // namespace gpalert
