#include "daemon/http/client_rate_limiter.h"

namespace gpalert {

void ClientRateLimiter::Forget(Clock::time_point now) {
  for (auto it = hits_.begin(); it != hits_.end();) {
    if (it->second.empty() || now - it->second.back() >= window_) {
      it = hits_.erase(it);
    } else {
      ++it;
    }
  }
}

bool ClientRateLimiter::Allow(const std::string& client, Clock::time_point now) {
  auto it = hits_.find(client);
  if (it == hits_.end()) {
    if (hits_.size() >= max_clients_) Forget(now);
    if (hits_.size() >= max_clients_) return false;
    it = hits_.emplace(client, std::deque<Clock::time_point>()).first;
  }
  std::deque<Clock::time_point>& q = it->second;
  while (!q.empty() && now - q.front() >= window_) q.pop_front();
  if (static_cast<int>(q.size()) >= per_window_) return false;
  q.push_back(now);
  return true;
}

}  // namespace gpalert
