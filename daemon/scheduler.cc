#include "daemon/scheduler.h"

#include "common/backoff.h"

namespace gpalert {

bool IsPollDue(const std::optional<SourceState>& state, Instant now) {
  return !state || !state->next_due || *state->next_due <= now;
}

Instant NextPollAfterSuccess(Instant now, std::chrono::seconds interval, std::mt19937_64* rng) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  return now + Jittered(interval, kPollJitter, unit(*rng));
}

}  // namespace gpalert
