#include "daemon/http/connection_deadline.h"

#include <fmt/format.h>
#include <algorithm>

namespace gpalert {

ConnectionDeadline::ConnectionDeadline(const HttpLimits& limits, Clock::time_point opened)
    : limits_(limits), opened_(opened), last_bytes_(opened) {}

void ConnectionDeadline::OnBytes(Clock::time_point now) {
  last_bytes_ = std::max(last_bytes_, now);
}

void ConnectionDeadline::OnResponding(Clock::time_point now) {
  responding_ = true;
  responding_since_ = now;
}

ConnectionDeadline::Clock::time_point ConnectionDeadline::Expiry() const {
  if (responding_) return responding_since_ + limits_.write_timeout;
  return std::min(opened_ + limits_.request_timeout, last_bytes_ + limits_.idle_timeout);
}

std::string ConnectionDeadline::Reason() const {
  if (responding_)
    return fmt::format("response not written within {} ms", limits_.write_timeout.count());
  if (opened_ + limits_.request_timeout <= last_bytes_ + limits_.idle_timeout)
    return fmt::format("no complete request within {} ms", limits_.request_timeout.count());
  return fmt::format("idle for {} ms", limits_.idle_timeout.count());
}

}  // namespace gpalert
