// `gpalert subscribers export|import`: the subscriber list as CSV (common/csv.h), one
// row per subscriber with a header row. Import adds admin-origin subscribers and never
// confirms anyone on their behalf: they are pending unless the admin says --confirmed.
// Command thread.
#pragma once

#include <string>

#include "daemon/config/config.h"
#include "store/store.h"

namespace gpalert {

// The CSV header: email, name, origin, state, digest, at, weekday, timezone, sources,
// tags, keywords (lists joined by "; "), created, confirmed, consent_at,
// consent_address, consent_user_agent, last_digest (times RFC 3339, UTC).
std::string SubscribersCsvHeader();

// Writes every subscriber (daemon/subscriber_roster.h) to `out_path`, or stdout for "-".
// Returns the exit code (messages printed).
int ExportSubscribers(const Config& config, Store* store, const std::string& out_path);

struct ImportOptions {
  bool confirmed = false;  // the admin holds their consent: active at once
  // Queue a confirmation mail (daemon/signup_start.h) for each pending row of the file,
  // at most one an hour per address; `secret` signs the links. Needs [signup] enabled.
  bool send_confirmations = false;
  std::string secret;
};

// Reads `path` (a header row naming at least `email`; the other known columns are
// optional, unknown ones ignored; origin, state and the times are never taken from the
// file) and adds each new address. Nothing is added when any row is bad. Returns the
// exit code (a summary printed).
int ImportSubscribers(const Config& config, Store* store, const std::string& path,
                      const ImportOptions& options);

}  // namespace gpalert
