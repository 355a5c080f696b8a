// OutboxWorker: drains the store's outbox through a Mailer. Sent rows are marked sent;
// transient failures (4xx, server down) are retried on later runs with exponential
// backoff; permanent failures (5xx), unsubscribed recipients and rows that kept failing
// past give_up_after are parked with the reason. Nothing pending is ever dropped.
//
// Threads: DrainOnce blocks on the Mailer, so it runs on the daemon's mail worker thread.
// The Store it is given must not be used by another thread meanwhile: give the worker its
// own SqlStore on the same file (WAL lets both connections work side by side).
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <vector>

#include "alerts/mail/mailer.h"
#include "common/logger.h"
#include "common/status.h"
#include "store/store.h"

namespace gpalert {

struct OutboxWorkerOptions {
  // Most rows read from the store at a time.
  int batch = 50;
  // Delay after the first failure; doubles with each attempt up to max_retry_delay.
  std::chrono::seconds first_retry_delay{60};
  std::chrono::seconds max_retry_delay{3600};
  // A row still failing this long after it was queued is parked.
  std::chrono::seconds give_up_after{3 * 86400};
};

struct OutboxRunCounts {
  int sent = 0;
  int retried = 0;   // transient failure, next_try moved on
  int parked = 0;    // permanent failure, suppressed recipient, or gave up
  int deferred = 0;  // rows of the batch in hand left untried: the server was unreachable
  int split = 0;     // refused as too big: released, its articles to be sent in smaller parts
};

class OutboxWorker {
 public:
  // `store`, `mailer` and `logger` must outlive the worker.
  OutboxWorker(Store* store, Mailer* mailer, Logger* logger, OutboxWorkerOptions options = {});

  // Sends every row due at `now`. Stops early (rows stay pending) when `stop` becomes
  // true or the server is unreachable. Fails only when the store does.
  Result<OutboxRunCounts> DrainOnce(Instant now, const std::atomic<bool>* stop = nullptr);

  // Tries every pending row once, whatever its next_try (for `gpalert run --once`, which
  // must not leave a message waiting for a backoff the next run may be hours away).
  // Same outcomes and early stops as DrainOnce. In both, `now` is the real time at the
  // call: each message's times are `now` plus the time the run has taken when it ends.
  // On a Shared() store, DrainOnce: only the rows this daemon claims.
  Result<OutboxRunCounts> DrainAllPending(Instant now, const std::atomic<bool>* stop = nullptr);

  // The delay before the next try of a row that has failed `attempts` times (>= 1).
  std::chrono::seconds RetryDelay(int attempts) const;

 private:
  // Sends the rows in order; false when the run should end (stop asked, or unreachable).
  Result<bool> SendBatch(const std::vector<OutboxMessage>& batch, Instant now,
                         const std::atomic<bool>* stop, OutboxRunCounts* counts);
  Status Handle(const OutboxMessage& msg, const SendOutcome& outcome, Instant now,
                OutboxRunCounts* counts);

  Store* store_;
  Mailer* mailer_;
  Logger* logger_;
  OutboxWorkerOptions options_;
};

}  // namespace gpalert
