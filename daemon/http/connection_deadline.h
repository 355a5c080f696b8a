// ConnectionDeadline: when an HTTP connection of the HTTP endpoint must be dropped.
// Three clocks: the whole request must arrive by opened + request_timeout (a slowloris
// client trickling a byte at a time gains nothing), no gap between reads may exceed
// idle_timeout, and the response must be written within write_timeout. Pure logic on
// time points so it is tested without waiting; the connection arms a timer at Expiry().
// One connection's thread (the network thread).
#pragma once

#include <chrono>
#include <string>

#include "daemon/http/http_limits.h"

namespace gpalert {

class ConnectionDeadline {
 public:
  using Clock = std::chrono::steady_clock;

  ConnectionDeadline(const HttpLimits& limits, Clock::time_point opened);

  // Bytes of the request arrived at `now`.
  void OnBytes(Clock::time_point now);
  // The request is complete: from now on only the write deadline counts.
  void OnResponding(Clock::time_point now);

  // When the connection must be closed, whatever happens meanwhile.
  Clock::time_point Expiry() const;
  bool Expired(Clock::time_point now) const { return now >= Expiry(); }
  // Why Expiry() is what it is, for the log: "no complete request within 10000 ms", ...
  std::string Reason() const;

 private:
  HttpLimits limits_;
  Clock::time_point opened_;
  Clock::time_point last_bytes_;
  bool responding_ = false;
  Clock::time_point responding_since_;
};

}  // namespace gpalert
