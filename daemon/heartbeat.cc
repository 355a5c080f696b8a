#include "daemon/heartbeat.h"

#include <boost/asio/post.hpp>

namespace gpalert {

Heartbeat::Heartbeat(boost::asio::io_context& io, boost::asio::thread_pool& writer,
                     std::chrono::microseconds interval, std::function<void()> beat)
    : timer_(io), writer_(writer), interval_(interval), beat_(std::move(beat)) {}

void Heartbeat::Start() {
  stopped_ = false;
  Arm();
}

void Heartbeat::Stop() {
  stopped_ = true;
  timer_.cancel();
}

void Heartbeat::Arm() {
  timer_.expires_after(interval_);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || stopped_) return;
    // One beat waiting on the writer is enough: if it has not run by now, the writer is
    // busy or stuck, and queuing more would only hide that once it frees up.
    if (!beat_queued_->exchange(true)) {
      boost::asio::post(writer_, [queued = beat_queued_, beat = beat_] {
        queued->store(false);
        beat();
      });
    }
    Arm();
  });
}

}  // namespace gpalert
