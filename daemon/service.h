// Service: the daemon. Polls each configured source on its schedule (SourcePoll), runs
// the digest pass after polls (DigestPass) and drains the outbox through the mailer
// (OutboxDrain), on the threads ServiceContext describes. Start/Stop/Reload may be
// called from any thread; everything else happens on the service's own threads.
//
// Shutdown follows Asio's HTTP server example: Stop() closes the sources of work
// (timer, fetcher), lets in-flight polls finish or be abandoned (their stored state
// untouched), waits for a mail send under way, then drops its hold on the io_context so
// io_context::run() returns by itself.
#pragma once

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/system_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>

#include "common/status.h"
#include "daemon/config/config.h"
#include "daemon/heartbeat.h"
#include "daemon/inbox_pass.h"
#include "daemon/poll_claims.h"
#include "daemon/service_context.h"
#include "daemon/source_poll.h"

namespace gpalert {

// What a run did, for the once-mode summary and the shutdown log line.
struct RunStats {
  int polls = 0;  // polls finished (abandoned ones not counted)
  int failed_polls = 0;
  int new_articles = 0;
  int digests = 0;  // committed to the outbox
  int sent = 0;
  int retrying = 0;
  int parked = 0;
};

enum class ServiceMode {
  kOnce,    // poll every source once regardless of next_due, digest, drain, finish
  kDaemon,  // poll sources as they fall due until Stop()
};

class Service {
 public:
  // Digest passes and due-time checks happen at least this often in daemon mode.
  static constexpr std::chrono::seconds kMaxTickGap{30};
  // Polls in flight at once: 4 x [daemon] concurrency, at least this many.
  static constexpr std::size_t kMinPollsInFlight = 16;
  // Sources deferred because their host's slots were held by other daemons are asked
  // for again this often (docs/ARCHITECTURE.md, "Several daemons").
  static constexpr std::chrono::milliseconds kSlotRetryEvery{200};
  // Retention (Store::Prune) runs after a round's digest pass at most this often in
  // daemon mode (and once in a once-mode run), ...
  static constexpr std::chrono::seconds kPruneEvery{3600};
  // ... and a daemon-mode call starts no new batch after this, so the writer stays free
  // for polls and the watchdog's pings; what is left goes on after the next round.
  static constexpr std::chrono::milliseconds kPruneBudget{2000};
  // An inbox pass in daemon mode takes no new message after this (the rest next pass).
  static constexpr std::chrono::milliseconds kInboxBudget{2000};

  // `parts` supplies io, fetcher, store, mailer, logger and clock (all must outlive the
  // service); the service adds its own CPU, writer and mail threads.
  Service(Config config, ServiceContext parts);
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;
  ~Service();  // joins the service's threads; call after io_context::run() returned

  // Begins work. `finished` runs once on the network thread when the service is done
  // (once mode: after the drain; daemon mode: after Stop()), with the first runtime
  // failure (e.g. the store failing) or OK, and what the run did.
  using Finished = std::function<void(const Status&, const RunStats&)>;
  void Start(ServiceMode mode, Finished finished);
  // Stops taking new work; see the comment atop this file.
  void Stop();
  // Replaces the configuration: new sources are polled, removed ones dropped.
  // `config` must already be validated (LoadConfig).
  void Reload(Config config);
  // Sends later outbox drains through `outbox` (a reload changed the mail transport).
  // A drain under way finishes with the old worker, so it must outlive the service.
  void ReplaceOutbox(OutboxWorker* outbox);
  // Calls `reply` on the service's writer thread with what the run did so far (for the
  // HTTP endpoint's /metrics). Any thread.
  void ReadStats(std::function<void(const RunStats&)> reply);
  // Sends the outbox soon, without waiting for the next round (the HTTP endpoint queued a
  // sign-up's confirmation mail). Any thread.
  void SendMailSoon();

  // Narrows a run, before Start(): `only` (when not empty) names the sources a once-mode
  // run polls; `no_send` polls and records but drafts and sends nothing (a dry run:
  // what it records is mailed by the next run that sends).
  void Limit(std::set<std::string> only, bool no_send);

  // For a supervisor (systemd), both before Start(): `beat` runs on the writer thread
  // every `interval` while the writer is free to run it (daemon/heartbeat.h), until the
  // service finishes; `status` runs on the writer thread after each round's mail is sent,
  // with a one-line summary: "12 sources, 1 failing; 3 messages pending; 40 new articles".
  void EnableHeartbeat(std::chrono::microseconds interval, std::function<void()> beat);
  void OnStatus(std::function<void(const std::string&)> status);

 private:
  // Writer thread.
  void RegisterSubscribers();
  void ClassifySources();
  void Tick();
  void StartWaitingPolls();
  void OnPollDone(const PollOutcome& outcome);
  void AfterRound();
  void MaybePrune();
  // With [mail] inbox_maildir: an inbox pass (daemon/inbox_pass.h), at most inbox_batch
  // messages; in daemon mode the next one is armed on inbox_timer_, inbox_interval later
  // (a second later when messages were left for it).
  void ReadInbox(Instant now);
  void ArmInboxTimer(Instant when);
  void DrainOutbox();
  void OnDrained();
  void MaybeFinish();
  void ReportStatus();
  void ArmTimer(Instant when);
  void NoteFailure(const Status& status);
  // Work sharing on a Shared() store (docs/ARCHITECTURE.md, "Several daemons"): the lease
  // on a source before its poll starts; renewal every third of [store] lease while polls
  // run; a once-mode round's digest pass waits until no daemon polls any more.
  // A source whose host's slots are all held waits in deferred_ (Defer) until one of this
  // daemon's polls of that host ends (Undefer) or kSlotRetryEvery passed (ArmRetry).
  // kPoll at once on a store that is not Shared().
  PollClaim ClaimBeforePoll(const SourceConfig& source, const std::string& host);
  void Defer(const std::string& host, const std::string& name);
  void Undefer(const std::string& host);
  void ArmRetry();
  // No poll in flight, and in once mode none deferred either.
  bool RoundOver() const;
  void RenewLeases();
  std::chrono::milliseconds LeaseRenewalEvery() const;
  void ArmLeaseTimer(std::chrono::milliseconds after, std::function<void()> then);
  // Posts `task` to the writer thread behind CatchAll (an exception is a noted failure).
  void OnWriter(std::function<void()> task);

  ServiceContext ctx_;
  boost::asio::thread_pool cpu_;
  boost::asio::thread_pool writer_;
  boost::asio::thread_pool mail_;
  boost::asio::system_timer timer_;        // network thread
  boost::asio::system_timer lease_timer_;  // network thread: renewals, once-mode waits
  boost::asio::system_timer inbox_timer_;  // network thread
  boost::asio::system_timer retry_timer_;  // network thread: deferred sources
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> hold_;
  Finished finished_;
  std::unique_ptr<Heartbeat> heartbeat_;               // network thread after Start
  std::function<void(const std::string&)> on_status_;  // writer thread
  std::atomic<bool> stop_mail_{false};                 // read by the mail thread between messages

  // Writer-thread state.
  std::shared_ptr<const Config> config_;
  ServiceMode mode_ = ServiceMode::kDaemon;
  bool started_ = false;
  std::atomic<bool> stopping_{false};  // written on the writer thread; polls' CPU work reads it
  bool finished_called_ = false;
  bool draining_ = false;
  bool digest_wanted_ = false;
  bool drain_again_ = false;  // DrainOutbox was asked for while a drain was under way
  // Digest passes run again at once because a server refused digests as too big (each
  // pass halves the size); bounded, so a server that refuses everything cannot loop us.
  int resplit_rounds_ = 0;
  static constexpr int kMaxResplitRounds = 8;
  std::set<std::string> in_flight_;
  std::deque<std::string> waiting_;  // due, not started yet (in-flight cap), in order
  std::set<std::string> queued_;     // the names in waiting_ and deferred_
  std::map<std::string, std::deque<std::string>> deferred_;  // by host key, in order
  std::size_t deferred_count_ = 0;
  bool retry_armed_ = false;
  struct IndexedSource {
    std::size_t index;  // in config_->sources
    std::string host;   // PollClaims::HostOf(its url), parsed once per configuration
  };
  std::unordered_map<std::string, IndexedSource> source_index_;  // by source name
  std::set<std::string> polled_once_;
  std::set<std::string> failing_;  // sources whose last finished poll failed
  std::set<std::string> only_;     // Limit(): the sources a once-mode run polls (all if empty)
  bool no_send_ = false;           // Limit(): no digest pass, no drain
  std::set<std::string> internal_sources_;  // names of sources on the admin's own network
  std::optional<Instant> armed_for_;
  std::string holder_;  // LeaseHolder(): who this daemon's leases say
  Instant started_at_;  // a once-mode round claims what was not polled since
  bool lease_timer_armed_ = false;
  std::unique_ptr<PollClaims> claims_;  // made by Start
  std::unique_ptr<InboxReader> inbox_;  // for config_->mail.inbox_maildir; made on first use
  std::string inbox_maildir_;           // the Maildir inbox_ reads
  std::optional<Instant> last_inbox_;   // when ReadInbox last read it
  std::optional<Instant> last_prune_;   // when MaybePrune last called Store::Prune
  bool prune_unfinished_ = false;       // its time budget ran out: go on after the next round
  Status first_failure_;
  RunStats stats_;
};

}  // namespace gpalert
