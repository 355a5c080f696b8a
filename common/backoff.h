// Backoff: the one rule for waiting longer after each failure, used by failing sources
// (fetchers/backoff.h), the outbox's mail retries (alerts/mail/outbox_worker.h), and the
// jitter that keeps sources configured together from polling together
// (daemon/scheduler.h). Pure functions; the random draw is the caller's; any thread.
#pragma once

#include <chrono>

namespace gpalert {

struct BackoffPolicy {
  std::chrono::seconds first{60};  // the wait after the first failure
  std::chrono::seconds max{3600};  // the wait never grows past this (before jitter)
  double jitter = 0.0;             // spread: a uniform factor in [1 - jitter, 1 + jitter]
};

// first * 2^(failures - 1), capped at max, times 1 - jitter + 2 * jitter * u, and at least
// 1 s. `failures` below 1 counts as 1; `u` is a uniform draw in [0, 1].
std::chrono::seconds BackoffDelay(const BackoffPolicy& policy, int failures, double u);

// `base` spread uniformly by +-jitter (u in [0, 1]), at least 1 s.
std::chrono::seconds Jittered(std::chrono::seconds base, double jitter, double u);

}  // namespace gpalert
