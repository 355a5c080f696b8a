// Retention: how long the store keeps what it no longer needs ([retention] in the
// config), and what one Store::Prune call removed. Plain values; any thread.
// The rule itself is in docs/STORE.md ("Retention") and store/sql_store_prune.cc.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace gpalert {

struct RetentionPolicy {
  // Sent messages lose their body (headers kept) this long after they were sent, and
  // their rows go at twice this; parked messages keep their bytes and go at twice this
  // after they were queued (created).
  std::chrono::seconds outbox{30 * 86400};
  // Articles first seen longer ago than this go, unless still pending for one of
  // `subscribers`; at twice this they go even then (the hard cap).
  std::chrono::seconds articles{180 * 86400};
  // What dedup needs of a pruned article (its canonical URL, content hash and its
  // sources' GUIDs) is kept until this long after it was first seen, or after a source
  // last listed it again, so a feed that re-lists an old item does not alert it again.
  // At least `articles`.
  std::chrono::seconds dedup{365 * 86400};
  // The subscribers whose pending articles are kept: the config's (LoadConfig copies
  // the [[subscribers]] addresses here). Registered addresses not listed, and suppressed
  // ones, hold nothing back.
  std::vector<std::string> subscribers;
  // Rows changed per write transaction, so no transaction holds the write lock long. An
  // article counts as 1 + subscribers.size() rows (its deliveries go with it), a deleted
  // message as 100 (the deliveries rows of its articles lose their outbox_id).
  std::size_t batch_rows = 1000;
  // Prune starts no new batch once this much time has passed (steady clock) and reports
  // itself incomplete; call again to go on. Zero: no limit.
  std::chrono::milliseconds time_budget{0};
};

struct PruneCounts {
  std::int64_t outbox_emptied = 0;   // sent messages whose body was dropped
  std::int64_t outbox_deleted = 0;   // sent and parked messages deleted
  std::int64_t articles = 0;         // articles deleted (their source links and deliveries too)
  std::int64_t articles_forced = 0;  // of those, still pending for a subscriber (the hard cap)
  std::int64_t articles_held = 0;    // past `articles` but kept: pending for a subscriber
  std::int64_t dedup_keys = 0;       // pruned articles whose dedup keys expired
  int batches = 0;                   // write transactions that changed something
  bool complete = true;              // false: time_budget ran out before the end
  bool dry_run = false;              // counted only (CountPrunable): nothing changed

  // Anything removed (or, for a dry run, to remove).
  bool Any() const { return outbox_emptied + outbox_deleted + articles + dedup_keys > 0; }
};

// "3 sent message(s) cut to their headers, 120 article(s) deleted (5 still pending, past
// the hard cap), 40 dedup key(s) expired; 12 article(s) kept for pending digests" ("... to
// delete" for a dry run), or "nothing to prune": for the log and `gpalert prune`.
std::string DescribePruneCounts(const PruneCounts& counts);

}  // namespace gpalert
