// Poll scheduling: when a source is due, and when it is polled next after a success
// (its interval with jitter, so sources configured together drift apart) or a failure
// (exponential backoff, never earlier than a server's Retry-After). Pure functions on
// values and a caller-owned random engine; any thread.
#pragma once

#include <chrono>
#include <optional>
#include <random>

#include "common/time_format.h"
#include "store/store.h"

namespace gpalert {

// The fraction of the interval a poll time is moved by, either way.
inline constexpr double kPollJitter = 0.1;
// A failing source is never polled less often than this.
inline constexpr std::chrono::seconds kMaxBackoff{24 * 3600};

// True when the source has never been polled or its next_due has come.
bool IsPollDue(const std::optional<SourceState>& state, Instant now);

// now + interval ± kPollJitter·interval (at least 1 s).
Instant NextPollAfterSuccess(Instant now, std::chrono::seconds interval, std::mt19937_64* rng);

// After the n-th consecutive failure (n >= 1): now + min(interval·2^(n-1), kMaxBackoff)
// with jitter, but never before now + retry_after.
Instant NextPollAfterFailure(Instant now, std::chrono::seconds interval, int failures,
                             std::optional<std::chrono::seconds> retry_after,
                             std::mt19937_64* rng);

}  // namespace gpalert
