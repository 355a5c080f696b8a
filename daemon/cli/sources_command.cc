// `gpalert sources --config FILE`: per-source health for the admin, one line per
// configured source (last poll, status in words, items, consecutive failures, next
// poll, last error, a permanent redirect to act on), then the outbox counts.
// Reads the state the daemon writes; safe while the daemon runs (SQLite WAL).
#include <fmt/format.h>

#include <cstdio>
#include <map>

#include "common/time_format.h"
#include "common/unsafe_text.h"
#include "daemon/cli/command_line.h"
#include "daemon/cli/commands.h"

namespace gpalert {
namespace {

// Statuses, errors and server replies come from outside: printed with their control
// characters escaped (a reason phrase with ESC[31m must not colour the admin's terminal).
void PrintLine(const std::string& line) { std::printf("%s\n", EscapeForTerminal(line).c_str()); }

std::string When(const std::optional<Instant>& t) { return t ? FormatRfc3339(*t) : "never"; }

std::string SourceLine(const SourceConfig& source, const SourceState* state) {
  if (!state) return fmt::format("{} | never polled | {}", source.name, source.url);
  std::string line = fmt::format(
      "{} | last poll: {} | status: {} | items: {} | failures: {} | next poll: {}", source.name,
      When(state->last_poll), state->last_status.empty() ? "-" : state->last_status,
      state->items_seen, state->consecutive_failures, When(state->next_due));
  if (state->last_error) line += fmt::format(" | last error: {}", *state->last_error);
  if (state->moved_to)
    line += fmt::format(" | moved permanently to {} (update the config)", *state->moved_to);
  return line;
}

}  // namespace

int SourcesCommand(const Args& args) {
  CLI::App app{
      "Show each configured source's health: last poll, status in words, items, "
      "consecutive failures, next poll, last error; then the outbox counts.",
      "gpalert sources"};
  std::string config_path;
  AddConfigOption(app, &config_path);
  if (auto rc = ParseCommandLine(app, args)) return *rc;
  auto config = LoadConfigOrReport(config_path);
  if (!config) return 2;

  auto store = OpenStateStore(*config, /*create=*/false);
  if (!store.ok() && store.status().code() != Status::Code::kNotFound) {
    std::fprintf(stderr, "gpalert sources: %s\n", store.status().message().c_str());
    return 1;
  }
  std::map<std::string, SourceState> states;
  if (store.ok()) {
    auto listed = store.value()->ListSources();
    if (!listed.ok()) {
      std::fprintf(stderr, "gpalert sources: %s\n", listed.status().message().c_str());
      return 1;
    }
    for (SourceState& s : listed.value()) states.emplace(s.name, std::move(s));
  } else {
    std::printf("(%s)\n", store.status().message().c_str());
  }
  for (const SourceConfig& source : config->sources) {
    auto it = states.find(source.name);
    PrintLine(SourceLine(source, it == states.end() ? nullptr : &it->second));
  }
  if (!store.ok()) return 0;

  int counts[3] = {0, 0, 0};
  std::vector<OutboxMessage> pending, parked;
  for (OutboxState state : {OutboxState::kPending, OutboxState::kSent, OutboxState::kParked}) {
    auto rows = store.value()->ListOutbox(state);
    if (!rows.ok()) {
      std::fprintf(stderr, "gpalert sources: %s\n", rows.status().message().c_str());
      return 1;
    }
    counts[static_cast<int>(state)] = static_cast<int>(rows.value().size());
    if (state == OutboxState::kPending) pending = std::move(rows.value());
    if (state == OutboxState::kParked) parked = std::move(rows.value());
  }
  std::printf("outbox: %d pending, %d sent, %d parked\n", counts[0], counts[1], counts[2]);
  for (const OutboxMessage& m : pending) {
    if (!m.last_error) continue;
    PrintLine(fmt::format("retrying: {} to {}: {} attempt(s), next try {}: {}", m.message_id,
                          m.subscriber, m.attempts, When(m.next_try), *m.last_error));
  }
  for (const OutboxMessage& m : parked) {
    PrintLine(
        fmt::format("parked: {} to {}: {}", m.message_id, m.subscriber, m.last_error.value_or("")));
  }
  return 0;
}

}  // namespace gpalert
