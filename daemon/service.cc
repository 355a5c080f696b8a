#include "daemon/service.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <map>
#include <thread>

#include "common/fault_point.h"
#include "common/strings.h"
#include "common/url.h"
#include "daemon/digest_pass.h"
#include "daemon/outbox_drain.h"
#include "daemon/post_guarded.h"
#include "daemon/scheduler.h"
#include "daemon/state_store.h"
#include "daemon/subscriber_roster.h"
#include "fetchers/network_address.h"

namespace gpalert {
namespace asio = boost::asio;
namespace {

unsigned CpuThreads() { return std::max(1u, std::thread::hardware_concurrency()); }

}  // namespace

Service::Service(Config config, ServiceContext parts)
    : ctx_(parts),
      cpu_(CpuThreads()),
      writer_(1),
      mail_(1),
      timer_(*parts.io),
      lease_timer_(*parts.io),
      inbox_timer_(*parts.io),
      retry_timer_(*parts.io),
      config_(std::make_shared<const Config>(std::move(config))) {
  ctx_.cpu = &cpu_;
  ctx_.writer = &writer_;
  ctx_.mail = &mail_;
}

Service::~Service() {
  cpu_.join();
  writer_.join();
  mail_.join();
}

void Service::Start(ServiceMode mode, Finished finished) {
  finished_ = std::move(finished);
  hold_.emplace(asio::make_work_guard(*ctx_.io));
  if (heartbeat_) asio::post(*ctx_.io, [this] { heartbeat_->Start(); });
  OnWriter([this, mode] {
    mode_ = mode;
    started_ = true;
    holder_ = LeaseHolder(config_->daemon);
    claims_ = std::make_unique<PollClaims>(ctx_.store, holder_);
    started_at_ = ctx_.clock();
    ClassifySources();
    RegisterSubscribers();
    Tick();
  });
}

void Service::Stop() {
  OnWriter([this] {
    if (stopping_) return;
    stopping_ = true;
    stop_mail_ = true;
    ctx_.logger->Info("stopping: {} poll(s) in flight{}", in_flight_.size(),
                      draining_ ? ", a mail batch under way" : "");
    asio::post(*ctx_.io, [this] {
      timer_.cancel();
      lease_timer_.cancel();
      inbox_timer_.cancel();
      retry_timer_.cancel();
      ctx_.fetcher->Shutdown();
    });
    MaybeFinish();
  });
}

void Service::Reload(Config config) {
  auto fresh = std::make_shared<const Config>(std::move(config));
  OnWriter([this, fresh] {
    if (stopping_) return;
    config_ = fresh;
    ctx_.store->SetIdentityOptions(fresh->dedup);
    ctx_.logger->Info("configuration reloaded: {} source(s), {} subscriber(s)",
                      fresh->sources.size(), fresh->subscribers.size());
    ClassifySources();
    RegisterSubscribers();
    if (started_) Tick();
  });
}

void Service::ReplaceOutbox(OutboxWorker* outbox) {
  OnWriter([this, outbox] { ctx_.outbox = outbox; });
}

void Service::SendMailSoon() {
  OnWriter([this] {
    if (!stopping_) DrainOutbox();
  });
}

void Service::ReadStats(std::function<void(const RunStats&)> reply) {
  OnWriter([this, reply = std::move(reply)] { reply(stats_); });
}

// Registers subscribers before anything is polled, so the articles found from now on
// are theirs (a subscriber's `since` is when the store first saw the address).
void Service::RegisterSubscribers() {
  Instant now = ctx_.clock();
  for (const Subscriber& s : config_->subscribers) {
    auto state = ctx_.store->EnsureSubscriber(s.email, now);
    if (!state.ok()) NoteFailure(state.status());
  }
}

// Which sources are known to point into the admin's own network (localhost, *.localhost,
// internal IP literals): the fetcher refuses those addresses unless the configured
// source itself is there. Names are not resolved here (10,000 sources would mean
// 10,000 lookups before the first poll); a poll that hits the refusal looks its host
// up and tells us (PollOutcome::internal).
void Service::ClassifySources() {
  std::set<std::string> known;
  for (const SourceConfig& s : config_->sources) {
    std::string host = AsciiLower(SplitUrl(s.url).host());
    bool literal = host == "localhost" || host.ends_with(".localhost") ||
                   ClassifyAddressText(host).has_value();
    if ((literal && HostIsInternal(host)) || internal_sources_.count(s.name)) known.insert(s.name);
  }
  internal_sources_ = std::move(known);
  source_index_.clear();
  for (std::size_t i = 0; i < config_->sources.size(); ++i) {
    const SourceConfig& s = config_->sources[i];
    source_index_.emplace(s.name, IndexedSource{i, PollClaims::HostOf(s.url)});
  }
}

void Service::Tick() {
  if (stopping_) return;
  Instant now = ctx_.clock();
  std::map<std::string, SourceState> states;
  if (auto listed = ctx_.store->ListSources(); listed.ok()) {
    for (SourceState& s : listed.value()) states.emplace(s.name, std::move(s));
  } else {
    NoteFailure(listed.status());
  }
  // The first tick reads the inbox (once mode: before the polls, so that the digest pass
  // knows who left); in daemon mode its own timer takes over from there.
  if (!last_inbox_ && config_->mail.inbox_maildir) ReadInbox(now);
  std::optional<Instant> earliest;
  for (const SourceConfig& source : config_->sources) {
    if (in_flight_.count(source.name) || queued_.count(source.name)) continue;
    std::optional<SourceState> state;
    if (auto it = states.find(source.name); it != states.end()) state = it->second;
    bool due = mode_ == ServiceMode::kOnce
                   ? !polled_once_.count(source.name) && (only_.empty() || only_.count(source.name))
                   : IsPollDue(state, now);
    if (!due) {
      if (state && state->next_due && (!earliest || *state->next_due < *earliest))
        earliest = state->next_due;
      continue;
    }
    queued_.insert(source.name);
    waiting_.push_back(source.name);
  }
  StartWaitingPolls();
  if (mode_ == ServiceMode::kDaemon) {
    Instant wake = now + kMaxTickGap;
    if (earliest) wake = std::min(wake, std::max(*earliest, now + std::chrono::seconds(1)));
    ArmTimer(wake);
    digest_wanted_ = true;
  }
  if (RoundOver()) AfterRound();
}

// Starts due polls up to the in-flight cap. The cap is back-pressure: the writer (SQLite)
// is the slowest stage, and polls beyond what it can take would only hold parsed items
// in memory while they wait for it.
void Service::StartWaitingPolls() {
  std::size_t cap = std::max<std::size_t>(
      kMinPollsInFlight, static_cast<std::size_t>(std::max(1, config_->daemon.concurrency)) * 4);
  std::set<std::string> full;  // hosts whose slots were all held when asked, this call
  while (!stopping_ && in_flight_.size() < cap && !waiting_.empty()) {
    std::string name = std::move(waiting_.front());
    waiting_.pop_front();
    queued_.erase(name);
    auto found = source_index_.find(name);
    if (found == source_index_.end()) continue;  // removed by a reload meanwhile
    const SourceConfig& source = config_->sources[found->second.index];
    const std::string& host = found->second.host;
    PollClaim claim = full.count(host) ? PollClaim::kLater : ClaimBeforePoll(source, host);
    if (claim == PollClaim::kLater) {
      full.insert(host);
      Defer(host, name);
      continue;
    }
    if (claim == PollClaim::kSkip) {
      polled_once_.insert(name);  // another daemon polls it (or did, this round)
      continue;
    }
    in_flight_.insert(name);
    polled_once_.insert(name);
    SourcePoll::Start(ctx_, source, config_->daemon, internal_sources_.count(name) > 0, &stopping_,
                      [this](const PollOutcome& outcome) { OnPollDone(outcome); });
  }
  if (deferred_count_ > 0) ArmRetry();
}

bool Service::RoundOver() const {
  return in_flight_.empty() && (mode_ != ServiceMode::kOnce || deferred_count_ == 0);
}

void Service::Defer(const std::string& host, const std::string& name) {
  deferred_[host].push_back(name);
  ++deferred_count_;
  queued_.insert(name);
}

void Service::Undefer(const std::string& host) {
  auto it = deferred_.find(host);
  if (it == deferred_.end()) return;
  deferred_count_ -= it->second.size();
  // Back to the front of waiting_, in order (they stay in queued_).
  for (auto name = it->second.rbegin(); name != it->second.rend(); ++name)
    waiting_.push_front(*name);
  deferred_.erase(it);
}

// Sources deferred because another daemon held their host's slots are asked for again
// after a short wait: that daemon's polls end without telling us.
void Service::ArmRetry() {
  if (retry_armed_ || stopping_) return;
  retry_armed_ = true;
  asio::post(*ctx_.io, [this] {
    retry_timer_.expires_after(kSlotRetryEvery);
    retry_timer_.async_wait([this](const boost::system::error_code& ec) {
      OnWriter([this, ec] {
        retry_armed_ = false;
        if (ec || stopping_) return;
        while (!deferred_.empty()) Undefer(deferred_.begin()->first);
        StartWaitingPolls();
        if (RoundOver()) AfterRound();
      });
    });
  });
}

void Service::OnPollDone(const PollOutcome& outcome) {
  in_flight_.erase(outcome.source);
  std::optional<std::string> freed;
  if (Status s = claims_->Release(outcome.source, &freed); !s.ok()) NoteFailure(s);
  if (freed) Undefer(*freed);  // the slot just freed is ours to use first
  if (outcome.internal) internal_sources_.insert(outcome.source);
  if (!outcome.abandoned) {
    ++stats_.polls;
    if (!outcome.ok) {
      ++stats_.failed_polls;
      failing_.insert(outcome.source);
    } else {
      failing_.erase(outcome.source);
    }
    if (outcome.store_error) {
      NoteFailure(Status::IoError(fmt::format("source \"{}\": the state database failed: {}",
                                              outcome.source, *outcome.store_error)));
    }
    stats_.new_articles += outcome.new_items;
  }
  if (outcome.new_items > 0) digest_wanted_ = true;
  if (stopping_) {
    MaybeFinish();
    return;
  }
  StartWaitingPolls();
  if (mode_ == ServiceMode::kDaemon) {
    // The source's next poll may come before the timer's next wake (short intervals).
    auto state = ctx_.store->GetSource(outcome.source);
    if (state.ok() && state.value() && state.value()->next_due) ArmTimer(*state.value()->next_due);
  }
  if (RoundOver()) AfterRound();
}

// A poll round is over (or a tick found nothing to poll): digests, then mail.
void Service::AfterRound() {
  FaultPoint("writer-round");  // the watchdog test wedges the writer here
  if (stopping_) return;
  if (no_send_) {
    if (mode_ == ServiceMode::kOnce) {
      stopping_ = true;
      MaybeFinish();
    } else {
      ReportStatus();
    }
    return;
  }
  if (mode_ == ServiceMode::kOnce && ctx_.store->Shared()) {
    // The round's digest drafts what every daemon found: wait for their polls to end
    // (a dead daemon's leases expire).
    auto leased = ctx_.store->CountLiveLeases(ctx_.clock());
    if (leased.ok() && *leased > 0) {
      ArmLeaseTimer(std::chrono::milliseconds(200), [this] { AfterRound(); });
      return;
    }
  }
  if (mode_ == ServiceMode::kOnce || digest_wanted_) {
    digest_wanted_ = false;
    // One daemon drafts at a time: the next sees what the first committed.
    Status locked = ctx_.store->LockDigestPass();
    auto committed = locked.ok() ? RunDigestPass(*config_, ctx_.store, ctx_.logger, ctx_.clock())
                                 : Result<int>(locked);
    if (locked.ok()) ctx_.store->UnlockDigestPass();
    if (committed.ok()) {
      stats_.digests += committed.value();
    } else {
      NoteFailure(committed.status());
    }
  }
  MaybePrune();
  DrainOutbox();
}

void Service::ReadInbox(Instant now) {
  const MailOptions& mail = config_->mail;
  if (!mail.inbox_maildir || stopping_) return;
  last_inbox_ = now;
  if (!inbox_ || inbox_maildir_ != *mail.inbox_maildir) {
    inbox_maildir_ = *mail.inbox_maildir;
    inbox_ = std::make_unique<InboxReader>(inbox_maildir_, ctx_.store, ctx_.logger,
                                           [this](const std::string& line, bool left) {
                                             if (left) {
                                               ctx_.logger->Warn("inbox: {}", line);
                                             } else {
                                               ctx_.logger->Info("inbox: {}", line);
                                             }
                                           });
  }
  bool daemon = mode_ == ServiceMode::kDaemon;
  auto counts =
      inbox_->Pass(*config_, now, mail.inbox_batch,
                   daemon ? std::optional<std::chrono::milliseconds>(kInboxBudget) : std::nullopt);
  bool waiting = false;
  if (!counts.ok()) {
    NoteFailure(
        Status::IoError(fmt::format("inbox {}: {}", inbox_maildir_, counts.status().message())));
  } else {
    waiting = counts->waiting > 0;
    if (counts->processed + counts->left > 0 || waiting) {
      ctx_.logger->Info("inbox: {} message(s) processed, {} left in new/, {} for the next pass",
                        counts->processed, counts->left, counts->waiting);
    }
    // Confirmations for mailed "subscribe" requests go out now (once mode: after the round).
    if (daemon && counts->queued > 0) DrainOutbox();
  }
  if (daemon) ArmInboxTimer(now + (waiting ? std::chrono::seconds(1) : mail.inbox_interval));
}

void Service::ArmInboxTimer(Instant when) {
  asio::post(*ctx_.io, [this, when] {
    inbox_timer_.expires_at(std::chrono::system_clock::time_point(when));
    inbox_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;  // cancelled: stopping
      OnWriter([this] { ReadInbox(ctx_.clock()); });
    });
  });
}

// After the digest pass, so the articles it just drafted no longer count as pending.
void Service::MaybePrune() {
  Instant now = ctx_.clock();
  if (last_prune_ && !prune_unfinished_ && now - *last_prune_ < kPruneEvery) return;
  last_prune_ = now;
  auto with_store = RetentionFor(*config_, ctx_.store);
  if (!with_store.ok()) {
    NoteFailure(with_store.status());
    return;
  }
  RetentionPolicy policy = std::move(with_store).value();
  if (mode_ == ServiceMode::kDaemon) policy.time_budget = kPruneBudget;
  auto counts = ctx_.store->Prune(policy, now);
  if (!counts.ok()) {
    prune_unfinished_ = false;  // tried again in an hour
    NoteFailure(counts.status());
    return;
  }
  prune_unfinished_ = !counts->complete;
  if (counts->articles_forced > 0) {
    ctx_.logger->Warn("retention: {} (pending articles older than twice [retention] articles)",
                      DescribePruneCounts(*counts));
  } else if (counts->Any()) {
    ctx_.logger->Info("retention: {}", DescribePruneCounts(*counts));
  }
}

void Service::DrainOutbox() {
  if (draining_) {
    // A digest committed while a drain is under way is sent by another drain right after
    // it, not at the next tick.
    drain_again_ = true;
    return;
  }
  draining_ = true;
  StartOutboxDrain(
      ctx_, mode_ == ServiceMode::kOnce, &stop_mail_, [this](Result<OutboxRunCounts> counts) {
        draining_ = false;
        if (!counts.ok()) {
          NoteFailure(counts.status());
        } else if (counts->sent + counts->retried + counts->parked > 0) {
          stats_.sent += counts->sent;
          stats_.retrying += counts->retried + counts->deferred;
          stats_.parked += counts->parked;
          ctx_.logger->Info("outbox: {} sent, {} to retry, {} parked", counts->sent,
                            counts->retried + counts->deferred, counts->parked);
        }
        if (counts.ok() && counts->split > 0 && !stopping_ && resplit_rounds_ < kMaxResplitRounds) {
          // Digests refused as too big were released: draft their articles
          // again, in smaller parts, and send those now.
          ++resplit_rounds_;
          digest_wanted_ = true;
          AfterRound();
          return;
        }
        resplit_rounds_ = 0;
        if (drain_again_ && !stopping_ && mode_ == ServiceMode::kDaemon) {
          drain_again_ = false;
          DrainOutbox();
          return;
        }
        drain_again_ = false;
        if (mode_ == ServiceMode::kOnce) stopping_ = true;
        if (!stopping_) ReportStatus();
        MaybeFinish();
      });
}

void Service::MaybeFinish() {
  if (!stopping_ || finished_called_ || !in_flight_.empty() || draining_) return;
  finished_called_ = true;
  Status status = first_failure_;
  RunStats stats = stats_;
  asio::post(*ctx_.io, [this, status, stats] {
    timer_.cancel();
    lease_timer_.cancel();
    inbox_timer_.cancel();
    retry_timer_.cancel();
    if (heartbeat_) heartbeat_->Stop();
    ctx_.fetcher->Shutdown();
    if (finished_) finished_(status, stats);
    hold_.reset();  // io_context::run() returns once the last handler is done
  });
}

void Service::ArmTimer(Instant when) {
  if (stopping_ || mode_ != ServiceMode::kDaemon) return;
  if (armed_for_ && *armed_for_ <= when && *armed_for_ > ctx_.clock()) return;
  armed_for_ = when;
  asio::post(*ctx_.io, [this, when] {
    timer_.expires_at(std::chrono::system_clock::time_point(when));
    timer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;  // cancelled: re-armed or stopping
      OnWriter([this] {
        armed_for_.reset();
        Tick();
      });
    });
  });
}

PollClaim Service::ClaimBeforePoll(const SourceConfig& source, const std::string& host) {
  if (!ctx_.store->Shared()) return PollClaim::kPoll;  // nothing to claim, nothing to renew
  Instant now = ctx_.clock();
  std::optional<Instant> polled_before;
  if (mode_ == ServiceMode::kOnce) polled_before = started_at_;
  auto claimed = claims_->Claim(source.name, source.url, host, config_->daemon.per_host, now,
                                now + config_->store.lease, polled_before);
  if (!claimed.ok()) {
    NoteFailure(claimed.status());
    return PollClaim::kSkip;
  }
  if (*claimed == PollClaim::kPoll && !lease_timer_armed_)
    ArmLeaseTimer(LeaseRenewalEvery(), [this] { RenewLeases(); });
  return *claimed;
}

std::chrono::milliseconds Service::LeaseRenewalEvery() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(config_->store.lease) / 3;
}

void Service::RenewLeases() {
  if (in_flight_.empty() || stopping_) return;
  Status s = ctx_.store->RenewLeases(holder_, ctx_.clock() + config_->store.lease);
  if (!s.ok()) NoteFailure(s);
  ArmLeaseTimer(LeaseRenewalEvery(), [this] { RenewLeases(); });
}

// One task at a time: a renewal and a once-mode wait never overlap (the wait comes after
// the round's last poll, when renewals have stopped).
void Service::ArmLeaseTimer(std::chrono::milliseconds after, std::function<void()> then) {
  lease_timer_armed_ = true;
  asio::post(*ctx_.io, [this, after, then = std::move(then)] {
    lease_timer_.expires_after(after);
    lease_timer_.async_wait([this, then](const boost::system::error_code& ec) {
      OnWriter([this, then, ec] {
        lease_timer_armed_ = false;
        if (!ec && !stopping_) then();
      });
    });
  });
}

void Service::OnWriter(std::function<void()> task) {
  PostGuarded(writer_, "the service's writer thread", std::move(task),
              [this](const Status& thrown) {
                // A step of the loop threw: note it (the run fails), and keep the loop alive.
                NoteFailure(thrown);
                if (mode_ == ServiceMode::kOnce) {
                  stopping_ = true;
                  MaybeFinish();
                } else {
                  ArmTimer(ctx_.clock() + kMaxTickGap);
                }
              });
}

void Service::NoteFailure(const Status& status) {
  ctx_.logger->Error("{}", status.message());
  if (first_failure_.ok()) first_failure_ = status;
}

void Service::Limit(std::set<std::string> only, bool no_send) {
  only_ = std::move(only);
  no_send_ = no_send;
}

void Service::EnableHeartbeat(std::chrono::microseconds interval, std::function<void()> beat) {
  heartbeat_ = std::make_unique<Heartbeat>(*ctx_.io, writer_, interval, std::move(beat));
}

void Service::OnStatus(std::function<void(const std::string&)> status) {
  on_status_ = std::move(status);
}

void Service::ReportStatus() {
  if (!on_status_) return;
  std::size_t failing = 0;
  for (const SourceConfig& source : config_->sources) failing += failing_.count(source.name);
  std::string line = fmt::format("{} sources, {} failing", config_->sources.size(), failing);
  auto totals = ctx_.store->Totals();
  if (totals.ok()) line += fmt::format("; {} messages pending", totals->outbox_pending);
  line += fmt::format("; {} new articles since start", stats_.new_articles);
  on_status_(line);
}

}  // namespace gpalert
