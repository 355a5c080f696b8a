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

}  // namespace gpalert
