#include "alerts/mail/outbox_worker.h"

#include <algorithm>
#include <string>

#include "common/backoff.h"
#include "common/fault_point.h"

namespace gpalert {

OutboxWorker::OutboxWorker(Store* store, Mailer* mailer, Logger* logger,
                           OutboxWorkerOptions options)
    : store_(store), mailer_(mailer), logger_(logger), options_(options) {}

std::chrono::seconds OutboxWorker::RetryDelay(int attempts) const {
  // No jitter: one daemon's messages are sent one after another anyway.
  return BackoffDelay({options_.first_retry_delay, options_.max_retry_delay, 0.0}, attempts, 0.5);
}

namespace {

// A 5xx whose enhanced status (RFC 3463) says the mailbox is bad: 5.1.1 (no such
// user), 5.1.2 (no such domain), 5.1.3, 5.1.6 (moved), 5.2.1 (disabled). A policy or
// content refusal (5.7.x) is no sign of a dead address.
bool IsDeadMailboxReply(const SendOutcome& outcome) {
  if (outcome.reply_code < 500 || outcome.reply_code > 599) return false;
  for (const char* code : {"5.1.1", "5.1.2", "5.1.3", "5.1.6", "5.2.1"}) {
    if (outcome.reply.find(code) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

Status OutboxWorker::Handle(const OutboxMessage& msg, const SendOutcome& outcome, Instant now,
                            OutboxRunCounts* counts) {
  const std::string& to = msg.subscriber;
  switch (outcome.kind) {
    case SendOutcome::Kind::kSent:
      logger_->Info("mail: sent {} to {}: {}", msg.message_id, to, outcome.reply);
      ++counts->sent;
      return store_->MarkSent(msg.id, now);
    case SendOutcome::Kind::kPermanent: {
      logger_->Error("mail: parked {} to {}: {}", msg.message_id, to, outcome.reply);
      ++counts->parked;
      Status parked = store_->MarkParked(msg.id, outcome.reply);
      if (!parked.ok() || !IsDeadMailboxReply(outcome)) return parked;
      // The server says the mailbox does not exist: no more digests to it.
      auto row = store_->GetSubscriber(to);
      if (!row.ok()) return row.status();
      if (!*row || (*row)->status != SubscriberStatus::kActive) return Status::Ok();
      logger_->Warn("mail: {} marked bouncing: {}", to, outcome.reply);
      return store_->SetSubscriberStatus(to, SubscriberStatus::kBouncing, outcome.reply, now);
    }
    case SendOutcome::Kind::kTooBig: {
      // Smaller parts next time: its articles go back to pending, and the subscriber's
      // digests are cut below half this message's size from now on.
      auto released =
          store_->ReleaseOversizedDigest(msg.id, static_cast<std::int64_t>(msg.bytes.size() / 2));
      if (!released.ok()) return released.status();
      if (*released > 0) {
        logger_->Warn(
            "mail: {} to {} refused as too big ({} bytes): its {} articles go out again "
            "in smaller parts: {}",
            msg.message_id, to, msg.bytes.size(), *released, outcome.reply);
        ++counts->split;
        return Status::Ok();
      }
      logger_->Error("mail: parked {} to {}: too big, and one article cannot be split: {}",
                     msg.message_id, to, outcome.reply);
      ++counts->parked;
      return store_->MarkParked(msg.id, outcome.reply);
    }
    case SendOutcome::Kind::kCancelled:
      // Shutdown cut it short: the row stays as it was (due, no attempt counted), so the
      // next start sends it; if the server had taken it, that is the one duplicate.
      logger_->Info("mail: {} to {}: {}; it goes at the next start", msg.message_id, to,
                    outcome.reply);
      return Status::Ok();
    case SendOutcome::Kind::kRetryLater:
      break;
  }
  int attempts = msg.attempts + 1;
  if (now - msg.created >= options_.give_up_after) {
    std::string reason = "gave up after " + std::to_string(attempts) + " attempts since " +
                         FormatRfc3339(msg.created) + "; last: " + outcome.reply;
    logger_->Error("mail: parked {} to {}: {}", msg.message_id, to, reason);
    ++counts->parked;
    return store_->MarkParked(msg.id, reason);
  }
  Instant next = now + RetryDelay(attempts);
  logger_->Warn("mail: {} to {} failed (attempt {}), retrying at {}: {}", msg.message_id, to,
                attempts, FormatRfc3339(next), outcome.reply);
  ++counts->retried;
  return store_->MarkRetry(msg.id, next, outcome.reply);
}

Result<bool> OutboxWorker::SendBatch(const std::vector<OutboxMessage>& batch, Instant now,
                                     const std::atomic<bool>* stop, OutboxRunCounts* counts) {
  // Each message's times (sent_at, next try, the give-up check) are taken when its send
  // ends: `now` plus the time the batch has taken so far, not the batch's start.
  const auto started = std::chrono::steady_clock::now();
  for (size_t i = 0; i < batch.size(); ++i) {
    const OutboxMessage& msg = batch[i];
    if (stop != nullptr && stop->load()) return false;
    Result<bool> suppressed = store_->IsSuppressed(msg.subscriber);
    if (!suppressed.ok()) return suppressed.status();
    SendOutcome outcome = *suppressed && !msg.transactional
                              ? SendOutcome::Permanent(0, "recipient unsubscribed; not sent")
                              : mailer_->Send(msg, stop);
    if (outcome.kind == SendOutcome::Kind::kSent) FaultPoint("after-smtp-250");
    Instant at = now + std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::steady_clock::now() - started);
    Status s = Handle(msg, outcome, at, counts);
    if (!s.ok()) return s;
    if (outcome.kind == SendOutcome::Kind::kCancelled) return false;
    if (outcome.unreachable()) {
      counts->deferred = static_cast<int>(batch.size() - i - 1);
      logger_->Warn(
          "mail: mail server unreachable; the other due messages wait for the "
          "next run");
      return false;
    }
  }
  return true;
}

Result<OutboxRunCounts> OutboxWorker::DrainOnce(Instant now, const std::atomic<bool>* stop) {
  OutboxRunCounts counts;
  // Every handled row leaves the due set (sent, parked, or next_try > now), so each batch
  // brings new rows and the loop ends when the due set is empty.
  for (;;) {
    Result<std::vector<OutboxMessage>> due = store_->DueOutbox(now, std::max(options_.batch, 1));
    if (!due.ok()) return due.status();
    if (due->empty()) return counts;
    Result<bool> go_on = SendBatch(*due, now, stop, &counts);
    if (!go_on.ok()) return go_on.status();
    if (!*go_on) return counts;
  }
}

Result<OutboxRunCounts> OutboxWorker::DrainAllPending(Instant now, const std::atomic<bool>* stop) {
  // Several daemons on the store: only what this one claims (a retry not yet due waits).
  if (store_->Shared()) return DrainOnce(now, stop);
  OutboxRunCounts counts;
  Result<std::vector<OutboxMessage>> pending = store_->ListOutbox(OutboxState::kPending);
  if (!pending.ok()) return pending.status();
  Result<bool> go_on = SendBatch(*pending, now, stop, &counts);
  if (!go_on.ok()) return go_on.status();
  return counts;
}

}  // namespace gpalert
