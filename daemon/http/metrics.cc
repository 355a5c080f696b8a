#include "daemon/http/metrics.h"

#include <fmt/format.h>

#include <set>

namespace gpalert {
namespace {

void Metric(std::string* out, const char* name, const char* type, const char* help,
            long long value) {
  *out += fmt::format("# HELP {} {}\n# TYPE {} {}\n{} {}\n", name, help, name, type, name, value);
}

}  // namespace

Status ReadStoreMetrics(Store* store, const std::vector<std::string>& source_names,
                        MetricsSnapshot* out) {
  auto sources = store->ListSources();
  if (!sources.ok()) return sources.status();
  auto totals = store->Totals();
  if (!totals.ok()) return totals.status();
  std::set<std::string> configured(source_names.begin(), source_names.end());
  out->sources = static_cast<long>(configured.size());
  out->sources_failing = 0;
  for (const SourceState& s : sources.value())
    if (configured.count(s.name) && s.consecutive_failures > 0) ++out->sources_failing;
  out->totals = totals.value();
  return Status::Ok();
}

std::string RenderMetrics(const MetricsSnapshot& m) {
  std::string out;
  Metric(&out, "gpalert_sources", "gauge", "Sources in the running configuration.", m.sources);
  Metric(&out, "gpalert_sources_failing", "gauge", "Configured sources whose last poll failed.",
         m.sources_failing);
  Metric(&out, "gpalert_articles", "gauge", "Articles stored.", m.totals.articles);
  out +=
      "# HELP gpalert_outbox_messages Messages in the outbox by state.\n"
      "# TYPE gpalert_outbox_messages gauge\n";
  out += fmt::format("gpalert_outbox_messages{{state=\"pending\"}} {}\n", m.totals.outbox_pending);
  out += fmt::format("gpalert_outbox_messages{{state=\"sent\"}} {}\n", m.totals.outbox_sent);
  out += fmt::format("gpalert_outbox_messages{{state=\"parked\"}} {}\n", m.totals.outbox_parked);
  Metric(&out, "gpalert_suppressed_addresses", "gauge",
         "Addresses that unsubscribed (they get no digests).", m.totals.suppressions);
  Metric(&out, "gpalert_polls_total", "counter", "Source polls finished since start.", m.run.polls);
  Metric(&out, "gpalert_polls_failed_total", "counter", "Source polls failed since start.",
         m.run.failed_polls);
  Metric(&out, "gpalert_digests_queued_total", "counter",
         "Digests committed to the outbox since start.", m.run.digests);
  Metric(&out, "gpalert_messages_sent_total", "counter", "Messages delivered since start.",
         m.run.sent);
  Metric(&out, "process_start_time_seconds", "gauge",
         "Start time of the process since the Unix epoch in seconds.",
         m.process_start.time_since_epoch().count());
  return out;
}

}  // namespace gpalert
