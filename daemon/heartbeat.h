// Heartbeat: calls `beat` every `interval` on the writer thread, for systemd's watchdog
// (WATCHDOG=1). The timer runs on the network thread and hands each beat to the writer, at
// most one at a time: a wedged writer (or a wedged network thread) stops the beats, which
// is what the watchdog is there to notice. Start, Stop and the destructor on the network
// thread (Stop also from the thread that runs io_context::run before it returns).
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <functional>
#include <memory>

namespace gpalert {

class Heartbeat {
 public:
  Heartbeat(boost::asio::io_context& io, boost::asio::thread_pool& writer,
            std::chrono::microseconds interval, std::function<void()> beat);
  Heartbeat(const Heartbeat&) = delete;
  Heartbeat& operator=(const Heartbeat&) = delete;

  void Start();
  void Stop();

 private:
  void Arm();

  boost::asio::steady_timer timer_;
  boost::asio::thread_pool& writer_;
  std::chrono::microseconds interval_;
  std::function<void()> beat_;
  // Shared with beats still queued on the writer after Stop.
  std::shared_ptr<std::atomic<bool>> beat_queued_ = std::make_shared<std::atomic<bool>>(false);
  bool stopped_ = false;
};

}  // namespace gpalert
