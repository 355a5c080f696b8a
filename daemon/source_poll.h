// SourcePoll: one poll of one source, through every stage: fetch (network thread) →
// parse the feed or discover the listing's links (CPU pool) → keep the items not yet
// known, fetch and extract their pages when the source needs it (bounded per poll) →
// record them in the store and update the source's state (writer thread).
// A poll owns itself (shared_ptr held by its pending callbacks) and reports once.
#pragma once

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "daemon/config/config.h"
#include "daemon/service_context.h"
#include "parsers/item/poll_item.h"

namespace gpalert {

// The budget of one article page's extraction under the daemon's [daemon] max_page_*
// settings (what a poll and `gpalert similar --config` give the extractor).
ParseLimits PageLimitsFor(const DaemonOptions& daemon);

// Page fetches one poll may start; further new links wait for the next poll.
inline constexpr int kMaxPageFetchesPerPoll = 25;
// When links were left for later, the next poll comes this soon (or at the interval, if
// sooner) so a long backlog drains in minutes, kMaxPageFetchesPerPoll at a time.
inline constexpr std::chrono::seconds kBacklogPollGap{60};
// How many of a source's newest stored articles count as "already known" when a poll of
// a page or fetch_full source decides which links to fetch (one query per poll).
inline constexpr int kKnownArticlesWindow = 2000;

struct PollOutcome {
  std::string source;
  bool ok = false;         // the source answered usefully (200 or 304)
  bool abandoned = false;  // the service stopped mid-poll; nothing was written for it
  int new_items = 0;
  bool internal = false;  // the source's host is on the admin's own network
  // The store refused a write (disk full, read-only, I/O error): the poll failed, and the
  // run has failed too (`run --once` exits 1).
  std::optional<std::string> store_error;
};

class SourcePoll : public std::enable_shared_from_this<SourcePoll> {
 public:
  using Done = std::function<void(const PollOutcome&)>;

  // Starts the poll; call on the writer thread. `internal` says the source's host is
  // known to be on the admin's own network, which lets the fetcher connect there; when
  // it is not known and the fetcher refuses the address, the poll looks the host up
  // (HostIsInternal) and retries once if it is (reported in PollOutcome::internal). `stopping`
  // is set on the writer thread, read anywhere, and must outlive the poll; `done` runs once,
  // on the writer thread.
  static void Start(const ServiceContext& ctx, const SourceConfig& source,
                    const DaemonOptions& daemon, bool internal, const std::atomic<bool>* stopping,
                    Done done);

  // Use Start().
  SourcePoll(const ServiceContext& ctx, const SourceConfig& source, const DaemonOptions& daemon,
             bool internal, const std::atomic<bool>* stopping, Done done);

 private:
  void Begin();
  void FetchSource();
  void Parse(FetchResult result);
  void ParseUnguarded(FetchResult result);
  // Posts `task` to the writer thread behind CatchAll: an exception fails this poll.
  void OnWriter(std::function<void()> task);
  void Triage(FetchResult result, std::vector<PollItem> items);
  void FetchPage(PollItem item);
  void FetchNextPage();  // the front of page_queue_
  // `problem`: why the page's text could not be used (the item keeps the feed's fields).
  void PageDone(PollItem item, std::optional<std::string> problem);
  void Record(const std::vector<NewArticle>& articles);
  void Fail(const FetchResult& result, std::string why);
  void Finish(const FetchResult& result);
  // "; <note>; N article pages not extracted, ..." for a good poll's status, or "".
  std::string ProblemsSentence() const;
  bool needs_pages() const;
  // The configured budget of one page, cancelled when the service stops. Any thread.
  ParseLimits PageLimits() const;

  ServiceContext ctx_;
  SourceConfig source_;
  DaemonOptions daemon_;
  bool internal_;
  bool looked_up_ = false;  // HostIsInternal asked already (CPU pool)
  const std::atomic<bool>* stopping_;
  Done done_;
  // Writer-thread state.
  SourceState state_;
  Instant now_{};
  int new_items_ = 0;
  int merged_ = 0;  // items that were stored articles under another URL (text match)
  std::optional<std::string> store_error_;  // the first database error of this poll
  bool finished_ = false;                   // done_ has been called
  int pages_pending_ = 0;                   // pages fetching or in page_queue_
  std::deque<PollItem> page_queue_;         // on a shared store: fetched one at a time
  int deferred_ = 0;
  std::vector<std::string> notes_;  // what the parsers skipped ("1 link longer than ...")
  int pages_failed_ = 0;            // article pages fetched but not extracted
  std::string first_page_problem_;  // the first of those, with its URL
  FetchRequest request_;  // the source's own request (kept for a retry on its own network)
  FetchResult listing_;   // the source's own response (kept for Finish)
};

}  // namespace gpalert
