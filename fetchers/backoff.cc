#include "fetchers/backoff.h"

#include <algorithm>

#include "common/backoff.h"

namespace gpalert {

Instant NextPollAfterFailure(Instant now, int consecutive_failures, std::chrono::seconds interval,
                             std::optional<std::chrono::seconds> retry_after,
                             const UniformRandom& random, const BackoffOptions& options) {
  using std::chrono::seconds;
  interval = std::max(interval, seconds(1));
  seconds floor = std::max(retry_after.value_or(seconds(0)), seconds(0));
  if (consecutive_failures <= 0) return now + std::max(interval, floor);

  BackoffPolicy policy{interval, std::max(options.max_delay, interval), options.jitter};
  double u = random ? random() : 0.5;
  return now + std::max(BackoffDelay(policy, consecutive_failures, u), floor);
}

}  // namespace gpalert
