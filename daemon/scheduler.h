// Poll scheduling: when a source is due, and when it is polled next after a success
// (its interval with jitter, so sources configured together drift apart). After a
// failure the fetcher's backoff (fetchers/backoff.h) decides. Pure functions on values
// and a caller-owned random engine; any thread.
#pragma once

#include <chrono>
#include <optional>
#include <random>

#include "common/time_format.h"
#include "store/store.h"

namespace gpalert {

// The fraction of the interval a poll time is moved by, either way.
inline constexpr double kPollJitter = 0.1;

// True when the source has never been polled or its next_due has come.
bool IsPollDue(const std::optional<SourceState>& state, Instant now);

// now + interval ± kPollJitter·interval (at least 1 s).
Instant NextPollAfterSuccess(Instant now, std::chrono::seconds interval, std::mt19937_64* rng);

}  // namespace gpalert
