#include "daemon/http/metrics.h"

#include <fmt/format.h>

#include <set>

namespace gpalert {
namespace {

void Metric(std::string* out, const char* name, const char* type, const char* help,
            long long value) {
  *out += fmt::format("# HELP {} {}\n# TYPE {} {}\n{} {}\n", name, help, name, type, name, value);
}

// A label value as the exposition format wants it: \\, \" and \n escaped.
std::string LabelValue(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

// A gauge with one sample per daemon; only its HELP and TYPE lines when none holds any.
void ByDaemon(std::string* out, const char* name, const char* help,
              const std::map<std::string, long>& values) {
  *out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n", name, help, name);
  for (const auto& [daemon, n] : values)
    *out += fmt::format("{}{{daemon=\"{}\"}} {}\n", name, LabelValue(daemon), n);
}

}  // namespace

Status ReadStoreMetrics(Store* store, const std::vector<std::string>& source_names, Instant now,
                        MetricsSnapshot* out) {
  auto sources = store->ListSources();
  if (!sources.ok()) return sources.status();
  auto totals = store->Totals();
  if (!totals.ok()) return totals.status();
  std::set<std::string> configured(source_names.begin(), source_names.end());
  out->sources = static_cast<long>(configured.size());
  out->sources_failing = 0;
  out->leases_by_daemon.clear();
  for (const SourceState& s : sources.value()) {
    if (configured.count(s.name) && s.consecutive_failures > 0) ++out->sources_failing;
    if (auto holder = s.LiveHolder(now)) ++out->leases_by_daemon[*holder];
  }
  out->totals = totals.value();
  auto slots = store->ListHostSlots(now);
  if (!slots.ok()) return slots.status();
  out->host_slots_by_daemon.clear();
  for (const HostSlot& slot : *slots) ++out->host_slots_by_daemon[slot.held_by];
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
  ByDaemon(&out, "gpalert_source_leases",
           "Sources a daemon of this database is polling now (live leases).", m.leases_by_daemon);
  ByDaemon(&out, "gpalert_host_slots_held",
           "Hosts' poll slots a daemon of this database holds now.", m.host_slots_by_daemon);
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
