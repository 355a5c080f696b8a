// OutboxDrain: runs the store helper's OutboxWorker (alerts/mail/outbox_worker.h) on the
// service's mail thread, so a slow or dead SMTP server never stalls polling, and
// reports back on the writer thread. The worker has its own store connection (WAL lets
// it work beside the writer's); a message is marked sent only after the mailer accepted
// it, so a crash mid-send can repeat that one message but never lose it.
#pragma once

#include <atomic>
#include <functional>

#include "alerts/mail/outbox_worker.h"
#include "daemon/service_context.h"

namespace gpalert {

// Starts a drain; call on the writer thread. In once mode (`try_everything`) every
// pending message is tried now, whatever its next_try: `gpalert run --once` is run by
// hand or by cron, and each run should attempt delivery. `stop` ends the drain after the
// message in hand. `done` runs once, on the writer thread.
void StartOutboxDrain(const ServiceContext& ctx, bool try_everything, const std::atomic<bool>* stop,
                      std::function<void(Result<OutboxRunCounts>)> done);

}  // namespace gpalert
