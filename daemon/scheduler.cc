#include "daemon/scheduler.h"

#include <algorithm>

namespace gpalert {
namespace {

std::chrono::seconds Jittered(std::chrono::seconds base, std::mt19937_64* rng) {
  double spread = static_cast<double>(base.count()) * kPollJitter;
  std::uniform_real_distribution<double> dist(-spread, spread);
  auto s = static_cast<long long>(static_cast<double>(base.count()) + dist(*rng));
  return std::chrono::seconds(std::max<long long>(1, s));
}

}  // namespace

bool IsPollDue(const std::optional<SourceState>& state, Instant now) {
  return !state || !state->next_due || *state->next_due <= now;
}

Instant NextPollAfterSuccess(Instant now, std::chrono::seconds interval, std::mt19937_64* rng) {
  return now + Jittered(interval, rng);
}

Instant NextPollAfterFailure(Instant now, std::chrono::seconds interval, int failures,
                             std::optional<std::chrono::seconds> retry_after,
                             std::mt19937_64* rng) {
  std::chrono::seconds delay = std::max(interval, std::chrono::seconds(1));
  for (int i = 1; i < failures && delay < kMaxBackoff; ++i) delay *= 2;
  delay = std::min(delay, kMaxBackoff);
  Instant next = now + Jittered(delay, rng);
  if (retry_after) next = std::max(next, now + *retry_after);
  return next;
}

}  // namespace gpalert
