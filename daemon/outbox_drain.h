// OutboxDrain: sends the outbox's due messages through the mailer. The store is read
// and updated on the writer thread; Mailer::Send (blocking: SMTP round trips or a
// Maildir write) runs on the mail thread, one batch at a time, so polling never waits
// for a slow mail server. A message is marked sent only after the mailer accepted it,
// so a crash mid-send can repeat that one message but never lose it.
#pragma once

#include <functional>
#include <memory>

#include "daemon/service_context.h"

namespace gpalert {

struct DrainOutcome {
  int sent = 0;
  int retrying = 0;   // 4xx / server down: kept, tried again later
  int parked = 0;     // 5xx: kept with the reply, not retried
};

// Messages handed to the mail thread per batch.
inline constexpr int kOutboxBatch = 20;

// Starts a drain; call on the writer thread. `done` runs once on the writer thread
// when no due message is left (messages that failed wait for their next_try).
// `stopping` (writer thread, outlives the drain) ends it after the current batch.
void StartOutboxDrain(const ServiceContext& ctx, const bool* stopping,
                      std::function<void(DrainOutcome)> done);

}  // namespace gpalert
