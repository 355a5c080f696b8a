// ClientRateLimiter: at most N requests per client address in any sliding window (the
// sign-up form's abuse limit; 429 beyond). Memory is bounded: at most `max_clients`
// addresses are tracked, and when that many are active a new address is refused too.
// Not thread-safe: the HTTP endpoint's thread only.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <string>

namespace gpalert {

class ClientRateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  ClientRateLimiter(int per_window, Clock::duration window, std::size_t max_clients = 10000)
      : per_window_(per_window), window_(window), max_clients_(max_clients) {}

  // True, and the request counted, when `client` has made fewer than per_window
  // requests in the window before `now`.
  bool Allow(const std::string& client, Clock::time_point now);
  void set_per_window(int n) { per_window_ = n; }

 private:
  void Forget(Clock::time_point now);  // drops clients with nothing in the window

  int per_window_;
  Clock::duration window_;
  std::size_t max_clients_;
  std::map<std::string, std::deque<Clock::time_point>> hits_;
};

}  // namespace gpalert
