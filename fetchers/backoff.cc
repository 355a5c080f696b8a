#include "fetchers/backoff.h"

#include <algorithm>
#include <cmath>

namespace gpalert {

Instant NextPollAfterFailure(Instant now, int consecutive_failures, std::chrono::seconds interval,
                             std::optional<std::chrono::seconds> retry_after,
                             const UniformRandom& random, const BackoffOptions& options) {
  using std::chrono::seconds;
  interval = std::max(interval, seconds(1));
  seconds floor = std::max(retry_after.value_or(seconds(0)), seconds(0));
  if (consecutive_failures <= 0) return now + std::max(interval, floor);

  double cap = static_cast<double>(std::max(options.max_delay, interval).count());
  // 2^(n-1) overflows nothing here: the exponent is clamped before pow.
  double factor = std::pow(2.0, std::min(consecutive_failures - 1, 62));
  double delay = std::min(cap, static_cast<double>(interval.count()) * factor);
  double jitter = std::clamp(options.jitter, 0.0, 1.0);
  double u = random ? std::clamp(random(), 0.0, 1.0) : 0.5;
  delay *= 1.0 - jitter + 2.0 * jitter * u;
  delay = std::clamp(delay, 1.0, cap * (1.0 + jitter));
  return now + std::max(seconds(static_cast<long long>(std::llround(delay))), floor);
}

}  // namespace gpalert
