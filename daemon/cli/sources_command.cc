// `gpalert sources --config FILE`: per-source health for the admin, one line per
// configured source (last poll, status in words, items, consecutive failures, next
// poll, last error, a permanent redirect to act on), then the outbox counts; with
// --merges N, the newest N copies merged into stored articles, and why, and the newest N
// changes seen in stored articles' text (updates in place).
// Reads the state the daemon writes; safe while the daemon runs (SQLite WAL).
#include <fmt/format.h>

#include <nlohmann/json.hpp>

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

std::string SourceLine(const SourceConfig& source, const SourceState* state, Instant now) {
  if (!state) return fmt::format("{} | never polled | {}", source.name, source.url);
  std::string line = fmt::format(
      "{} | last poll: {} | status: {} | items: {} | failures: {} | next poll: {}", source.name,
      When(state->last_poll), state->last_status.empty() ? "-" : state->last_status,
      state->items_seen, state->consecutive_failures, When(state->next_due));
  if (state->last_error) line += fmt::format(" | last error: {}", *state->last_error);
  if (state->moved_to)
    line += fmt::format(" | moved permanently to {} (update the config)", *state->moved_to);
  if (auto holder = state->LiveHolder(now))
    line +=
        fmt::format(" | being polled by {} (lease until {})", *holder, When(state->lease_until));
  return line;
}

nlohmann::json TimeOrNull(const std::optional<Instant>& t) {
  return t ? nlohmann::json(FormatRfc3339(*t)) : nlohmann::json();
}

nlohmann::json TextOrNull(const std::optional<std::string>& s) {
  return s ? nlohmann::json(*s) : nlohmann::json();
}

// Strings are left as they are: JSON escapes control characters itself.
nlohmann::json SourcesJson(const Config& config, const std::map<std::string, SourceState>& states,
                           const StoreTotals& totals, const std::vector<HostSlot>& slots,
                           Instant now) {
  nlohmann::json sources = nlohmann::json::array();
  for (const SourceConfig& source : config.sources) {
    nlohmann::json j = {{"name", source.name},
                        {"url", source.url},
                        {"type", source.type == SourceType::kFeed ? "feed" : "page"}};
    auto it = states.find(source.name);
    const SourceState* st = it == states.end() ? nullptr : &it->second;
    j["last_poll"] = TimeOrNull(st ? st->last_poll : std::nullopt);
    j["last_success"] = TimeOrNull(st ? st->last_success : std::nullopt);
    j["next_poll"] = TimeOrNull(st ? st->next_due : std::nullopt);
    j["status"] = st ? nlohmann::json(st->last_status) : nlohmann::json();
    j["http_status"] = st ? nlohmann::json(st->last_http_status) : nlohmann::json();
    j["last_error"] = TextOrNull(st ? st->last_error : std::nullopt);
    j["failures"] = st ? st->consecutive_failures : 0;
    j["items"] = st ? st->items_seen : 0;
    j["moved_to"] = TextOrNull(st ? st->moved_to : std::nullopt);
    auto holder = st ? st->LiveHolder(now) : std::nullopt;
    j["leased_by"] = TextOrNull(holder);
    j["lease_until"] = TimeOrNull(holder ? st->lease_until : std::nullopt);
    sources.push_back(std::move(j));
  }
  nlohmann::json held = nlohmann::json::array();
  for (const HostSlot& slot : slots) {
    held.push_back({{"host", slot.host},
                    {"slot", slot.slot},
                    {"held_by", slot.held_by},
                    {"source", slot.source},
                    {"until", FormatRfc3339(slot.held_until)}});
  }
  nlohmann::json outbox = {{"pending", totals.outbox_pending},
                           {"sent", totals.outbox_sent},
                           {"parked", totals.outbox_parked}};
  return nlohmann::json{{"sources", sources}, {"outbox", outbox}, {"host_slots", held}};
}

std::string MergeLine(const ArticleMerge& m, const std::optional<StoredArticle>& into) {
  return fmt::format("merged: \"{}\" {} (source \"{}\", {}) into article {} {} by {}{}", m.title,
                     m.url, m.source, FormatRfc3339(m.merged_at), m.article_id,
                     into ? "\"" + into->title + "\" " + into->url : std::string("(pruned)"),
                     MatchRuleName(m.rule),
                     m.rule == MatchRule::kNearDuplicate
                         ? fmt::format(", similarity {:.3f}", m.similarity)
                         : std::string());
}

nlohmann::json MergeJson(const ArticleMerge& m, const std::optional<StoredArticle>& into) {
  return {{"article_id", m.article_id},
          {"article_url", into ? nlohmann::json(into->url) : nlohmann::json()},
          {"article_title", into ? nlohmann::json(into->title) : nlohmann::json()},
          {"source", m.source},
          {"url", m.url},
          {"title", m.title},
          {"rule", MatchRuleName(m.rule)},
          {"similarity", m.similarity},
          {"merged_at", FormatRfc3339(m.merged_at)}};
}

std::string UpdateLine(const ArticleUpdate& u) {
  return fmt::format("{}: article {} \"{}\" {} (source \"{}\", {}), similarity {:.3f}{}",
                     u.beyond ? "updated" : "edited", u.article_id, u.title, u.url, u.source,
                     FormatRfc3339(u.seen_at), u.similarity,
                     u.realerted ? ", alerted again"
                     : u.beyond  ? ", not alerted again"
                                 : "");
}

nlohmann::json UpdateJson(const ArticleUpdate& u) {
  return {{"article_id", u.article_id},
          {"source", u.source},
          {"url", u.url},
          {"title", u.title},
          {"similarity", u.similarity},
          {"beyond_threshold", u.beyond},
          {"realerted", u.realerted},
          {"seen_at", FormatRfc3339(u.seen_at)}};
}

}  // namespace

int SourcesCommand(const Args& args) {
  CLI::App app{
      "Show each configured source's health: last poll, status in words, items, "
      "consecutive failures, next poll, last error; then the outbox counts.",
      "gpalert sources"};
  std::string config_path;
  bool json = false;
  AddConfigOption(app, &config_path);
  app.add_flag("--json", json,
               "one JSON object: {\"sources\": [...], \"outbox\": {...}} (for scripts and "
               "monitoring)");
  int merges = 0;
  app.add_option("--merges", merges,
                 "also list the newest N copies merged into stored articles (another URL with "
                 "the same or a near-identical text), with the rule and similarity, and the "
                 "newest N changes seen in stored articles' text (updated in place)")
      ->check(CLI::Range(0, 100000));
  std::int64_t article = 0;
  app.add_option("--article", article,
                 "only the merges and changes of this stored article (its id, as --merges and "
                 "--json show it); the newest 100 unless --merges says how many")
      ->check(CLI::PositiveNumber);
  if (auto rc = ParseCommandLine(app, args)) return *rc;
  if (article > 0 && merges == 0) merges = 100;
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
  Instant now = NowSeconds();
  StoreTotals totals;
  std::vector<OutboxMessage> pending, parked;
  std::vector<HostSlot> slots;
  if (store.ok()) {
    // Counts from Totals(): the sent rows (and their bytes) are not read.
    auto counted = store.value()->Totals();
    auto pending_rows = store.value()->ListOutbox(OutboxState::kPending);
    auto parked_rows = store.value()->ListOutbox(OutboxState::kParked);
    auto slot_rows = store.value()->ListHostSlots(now);
    for (const Status& s :
         {counted.status(), pending_rows.status(), parked_rows.status(), slot_rows.status()}) {
      if (!s.ok()) {
        std::fprintf(stderr, "gpalert sources: %s\n", s.message().c_str());
        return 1;
      }
    }
    totals = *counted;
    pending = std::move(*pending_rows);
    parked = std::move(*parked_rows);
    slots = std::move(*slot_rows);
  }
  std::vector<std::pair<ArticleMerge, std::optional<StoredArticle>>> merged;
  std::vector<ArticleUpdate> updates;
  if (store.ok() && merges > 0) {
    auto listed = store.value()->ListMerges(article, merges);
    if (!listed.ok()) {
      std::fprintf(stderr, "gpalert sources: %s\n", listed.status().message().c_str());
      return 1;
    }
    for (ArticleMerge& m : *listed) {
      auto into = store.value()->GetArticle(m.article_id);
      merged.emplace_back(std::move(m), into.ok() ? *into : std::nullopt);
    }
    auto changed = store.value()->ListUpdates(article, merges);
    if (!changed.ok()) {
      std::fprintf(stderr, "gpalert sources: %s\n", changed.status().message().c_str());
      return 1;
    }
    updates = std::move(changed).value();
  }
  if (json) {
    nlohmann::json j = SourcesJson(*config, states, totals, slots, now);
    if (merges > 0) {
      j["merges"] = nlohmann::json::array();
      for (const auto& [m, into] : merged) j["merges"].push_back(MergeJson(m, into));
      j["updates"] = nlohmann::json::array();
      for (const ArticleUpdate& u : updates) j["updates"].push_back(UpdateJson(u));
    }
    std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return 0;
  }
  for (const SourceConfig& source : config->sources) {
    auto it = states.find(source.name);
    PrintLine(SourceLine(source, it == states.end() ? nullptr : &it->second, now));
  }
  if (!store.ok()) return 0;
  std::printf("outbox: %lld pending, %lld sent, %lld parked\n",
              static_cast<long long>(totals.outbox_pending),
              static_cast<long long>(totals.outbox_sent),
              static_cast<long long>(totals.outbox_parked));
  for (const OutboxMessage& m : pending) {
    if (!m.last_error) continue;
    PrintLine(fmt::format("retrying: {} to {}: {} attempt(s), next try {}: {}", m.message_id,
                          m.subscriber, m.attempts, When(m.next_try), *m.last_error));
  }
  for (const OutboxMessage& m : parked) {
    PrintLine(
        fmt::format("parked: {} to {}: {}", m.message_id, m.subscriber, m.last_error.value_or("")));
  }
  for (const HostSlot& slot : slots) {
    PrintLine(fmt::format("poll slot {} #{}: {} polling \"{}\" (until {})", slot.host, slot.slot,
                          slot.held_by, slot.source, FormatRfc3339(slot.held_until)));
  }
  for (const auto& [m, into] : merged) PrintLine(MergeLine(m, into));
  for (const ArticleUpdate& u : updates) PrintLine(UpdateLine(u));
  return 0;
}

}  // namespace gpalert
