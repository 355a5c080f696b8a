#include "daemon/outbox_drain.h"

#include <boost/asio/post.hpp>

#include "common/catch_all.h"

namespace gpalert {
namespace asio = boost::asio;

void StartOutboxDrain(const ServiceContext& ctx, bool try_everything, const std::atomic<bool>* stop,
                      std::function<void(Result<OutboxRunCounts>)> done) {
  asio::post(*ctx.mail, [ctx, try_everything, stop, done = std::move(done)]() mutable {
    Instant now = ctx.clock();
    Result<OutboxRunCounts> counts = Status::Internal("outbox drain did not run");
    Status guarded = CatchAll("sending mail", [&] {
      counts = try_everything ? ctx.outbox->DrainAllPending(now, stop)
                              : ctx.outbox->DrainOnce(now, stop);
    });
    if (!guarded.ok()) counts = guarded;
    asio::post(*ctx.writer, [done = std::move(done), counts = std::move(counts)]() mutable {
      done(std::move(counts));
    });
  });
}

}  // namespace gpalert
