#include "daemon/outbox_drain.h"

#include <boost/asio/post.hpp>
#include <memory>

#include "daemon/post_guarded.h"

namespace gpalert {
namespace asio = boost::asio;

void StartOutboxDrain(const ServiceContext& ctx, bool try_everything, const std::atomic<bool>* stop,
                      std::function<void(Result<OutboxRunCounts>)> done) {
  // The drain's result (or what it threw) goes back to the writer thread.
  auto reply = [ctx, done = std::make_shared<decltype(done)>(std::move(done))](
                   Result<OutboxRunCounts> counts) {
    asio::post(*ctx.writer,
               [done, counts = std::move(counts)]() mutable { (*done)(std::move(counts)); });
  };
  PostGuarded(
      *ctx.mail, "sending mail",
      [ctx, try_everything, stop, reply] {
        Instant now = ctx.clock();
        reply(try_everything ? ctx.outbox->DrainAllPending(now, stop)
                             : ctx.outbox->DrainOnce(now, stop));
      },
      [reply](const Status& thrown) { reply(thrown); });
}

}  // namespace gpalert
