#include "common/backoff.h"

#include <algorithm>
#include <cmath>

namespace gpalert {

std::chrono::seconds Jittered(std::chrono::seconds base, double jitter, double u) {
  jitter = std::clamp(jitter, 0.0, 1.0);
  u = std::clamp(u, 0.0, 1.0);
  double seconds = static_cast<double>(base.count()) * (1.0 - jitter + 2.0 * jitter * u);
  return std::chrono::seconds(std::max<long long>(1, std::llround(seconds)));
}

std::chrono::seconds BackoffDelay(const BackoffPolicy& policy, int failures, double u) {
  double cap = static_cast<double>(std::max<long long>(1, policy.max.count()));
  // The exponent is clamped before pow, so nothing overflows.
  double factor = std::pow(2.0, std::clamp(failures - 1, 0, 62));
  double delay =
      std::min(cap, static_cast<double>(std::max<long long>(1, policy.first.count())) * factor);
  return Jittered(std::chrono::seconds(std::llround(delay)), policy.jitter, u);
}

}  // namespace gpalert
