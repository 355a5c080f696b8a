#include "daemon/outbox_drain.h"

#include <algorithm>
#include <boost/asio/post.hpp>

namespace gpalert {
namespace asio = boost::asio;
namespace {

// The instant at which every pending message is due: the latest next_try, if later
// than now. Runs on the mail thread with the worker's own store.
Result<Instant> EverythingDueAt(Store* store, Instant now) {
  auto pending = store->ListOutbox(OutboxState::kPending);
  if (!pending.ok()) return pending.status();
  Instant at = now;
  for (const OutboxMessage& m : pending.value())
    if (m.next_try) at = std::max(at, *m.next_try);
  return at;
}

}  // namespace

void StartOutboxDrain(const ServiceContext& ctx, bool try_everything, const std::atomic<bool>* stop,
                      std::function<void(Result<OutboxRunCounts>)> done) {
  asio::post(*ctx.mail, [ctx, try_everything, stop, done = std::move(done)]() mutable {
    Instant now = ctx.clock();
    Result<OutboxRunCounts> counts = Status::Internal("outbox drain did not run");
    if (try_everything) {
      auto at = EverythingDueAt(ctx.outbox_store, now);
      counts =
          at.ok() ? ctx.outbox->DrainOnce(at.value(), stop) : Result<OutboxRunCounts>(at.status());
    } else {
      counts = ctx.outbox->DrainOnce(now, stop);
    }
    asio::post(*ctx.writer, [done = std::move(done), counts = std::move(counts)]() mutable {
      done(std::move(counts));
    });
  });
}

}  // namespace gpalert
