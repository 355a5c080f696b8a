// Backoff: when to poll a failing source next. The daemon calls it after each failed
// poll and persists the answer as the source's next_due. Pure function of its
// arguments (the random source is injected); any thread.
#pragma once

#include <chrono>
#include <functional>
#include <optional>

#include "common/time_format.h"

namespace gpalert {

struct BackoffOptions {
  // Longest wait between polls of a failing source (a source whose own interval is
  // longer keeps its interval).
  std::chrono::seconds max_delay{24 * 3600};
  // The delay is multiplied by a uniform factor in [1 - jitter, 1 + jitter] so sources
  // that failed together do not come back together.
  double jitter = 0.2;
};

// Returns a uniformly distributed double in [0, 1).
using UniformRandom = std::function<double()>;

// Next poll time after `consecutive_failures` failures in a row (1 = the poll that just
// failed), for a source normally polled every `interval`: interval * 2^(failures-1),
// capped at max(max_delay, interval), jittered, and never before `retry_after` (from
// Retry-After or a host backoff). With 0 failures: now + interval (or retry_after).
Instant NextPollAfterFailure(Instant now, int consecutive_failures, std::chrono::seconds interval,
                             std::optional<std::chrono::seconds> retry_after,
                             const UniformRandom& random, const BackoffOptions& options = {});

}  // namespace gpalert
