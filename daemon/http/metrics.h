// Metrics: the numbers /metrics exposes, read from the store and the running service,
// and their Prometheus text form (exposition format 0.0.4). Reading needs the store's
// thread; rendering is a pure function (any thread).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/time_format.h"
#include "store/store.h"

namespace gpalert {

// Counters of the running daemon since it started (from Service RunStats).
struct RunCounters {
  long polls = 0;
  long failed_polls = 0;
  long digests = 0;  // committed to the outbox
  long sent = 0;     // messages handed to the mail server or Maildir
};

struct MetricsSnapshot {
  long sources = 0;          // configured
  long sources_failing = 0;  // configured and failing (consecutive failures > 0)
  StoreTotals totals;
  // On a shared store (several daemons): live source leases and host poll slots, by the
  // daemon holding them (its LeaseHolder(), "name/pid").
  std::map<std::string, long> leases_by_daemon;
  std::map<std::string, long> host_slots_by_daemon;
  RunCounters run;
  Instant process_start{};
};

// Fills sources, sources_failing, totals and (leases and slots live at `now`) the
// by-daemon maps from `store`, for the configured `source_names`. Store thread only.
Status ReadStoreMetrics(Store* store, const std::vector<std::string>& source_names, Instant now,
                        MetricsSnapshot* out);

// The Prometheus text exposition of `m` (HELP and TYPE lines, '\n' line ends).
std::string RenderMetrics(const MetricsSnapshot& m);

// The Content-Type of RenderMetrics' output.
inline constexpr const char* kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace gpalert
