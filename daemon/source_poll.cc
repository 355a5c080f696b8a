#include "daemon/source_poll.h"

#include <boost/asio/post.hpp>
#include <set>

#include "common/catch_all.h"
#include "common/duration.h"
#include "common/fault_point.h"
#include "common/strings.h"
#include "common/url.h"
#include "daemon/article_record.h"
#include "daemon/post_guarded.h"
#include "daemon/scheduler.h"
#include "fetchers/backoff.h"
#include "fetchers/network_address.h"
#include "parsers/feed/feed_parser.h"
#include "parsers/page/extract_article.h"
#include "parsers/page/listing.h"

namespace gpalert {
namespace asio = boost::asio;
namespace {

std::optional<std::string> HeaderValue(const FetchResult& r, std::string_view name) {
  const std::string* v = r.Header(name);
  if (!v) return std::nullopt;
  return *v;
}

// Words for a failed fetch: the fetcher's own when it gave them, else the status.
std::string FetchFailureWords(const FetchResult& r) {
  if (!r.message.empty()) return r.message;
  if (r.http_status >= 400) return fmt::format("HTTP {}", r.http_status);
  return "fetch failed";
}

}  // namespace

void SourcePoll::Start(const ServiceContext& ctx, const SourceConfig& source,
                       const DaemonOptions& daemon, bool internal,
                       const std::atomic<bool>* stopping, Done done) {
  std::make_shared<SourcePoll>(ctx, source, daemon, internal, stopping, std::move(done))->Begin();
}

SourcePoll::SourcePoll(const ServiceContext& ctx, const SourceConfig& source,
                       const DaemonOptions& daemon, bool internal,
                       const std::atomic<bool>* stopping, Done done)
    : ctx_(ctx),
      source_(source),
      daemon_(daemon),
      internal_(internal),
      stopping_(stopping),
      done_(std::move(done)) {}

bool SourcePoll::needs_pages() const {
  return source_.type == SourceType::kPage || source_.fetch_full;
}

void SourcePoll::Begin() {
  auto stored = ctx_.store->GetSource(source_.name);
  if (!stored.ok()) {
    ctx_.logger->Error("source \"{}\": cannot read its state: {}", source_.name,
                       stored.status().message());
    PollOutcome outcome;
    outcome.source = source_.name;
    outcome.store_error = stored.status().message();
    finished_ = true;
    done_(outcome);
    return;
  }
  if (stored.value()) {
    state_ = *stored.value();
  } else {
    state_.name = source_.name;
  }
  FetchRequest request;
  request.url = source_.url;
  if (state_.url == source_.url) {  // validators belong to the URL they came from
    request.etag = state_.etag;
    request.last_modified = state_.last_modified;
  }
  request.timeout = daemon_.fetch_timeout;
  request.max_body = daemon_.max_body;
  request.source_name = source_.name;
  request_ = std::move(request);
  FetchSource();
}

void SourcePoll::FetchSource() {
  FetchRequest request = request_;
  request.allow_private_network = internal_;
  request.private_origin = OriginOf(source_.url);
  auto self = shared_from_this();
  asio::post(*ctx_.io, [self, request = std::move(request)]() mutable {
    self->ctx_.fetcher->Fetch(std::move(request), [self](FetchResult result) {
      asio::post(*self->ctx_.cpu,
                 [self, result = std::move(result)]() mutable { self->Parse(std::move(result)); });
    });
  });
}

// CPU pool: bytes → items. Hands the result to the writer thread. An exception from a
// parser (bad_alloc on a hostile document, say) fails this source's poll alone.
void SourcePoll::Parse(FetchResult result) {
  FaultPoint("after-fetch");
  // What Fail records if parsing throws: the fetch's facts without the body (not copied).
  std::string body = std::move(result.body);
  FetchResult facts = result;
  result.body = std::move(body);
  Status guarded = CatchAll("parsing", [&] { ParseUnguarded(std::move(result)); });
  if (!guarded.ok()) {
    auto self = shared_from_this();
    OnWriter([self, facts = std::move(facts), why = guarded.message() + " at " + source_.url] {
      self->Fail(facts, why);
    });
  }
}

void SourcePoll::ParseUnguarded(FetchResult result) {
  auto self = shared_from_this();
  if (result.error == FetchError::kBlockedAddress && !internal_ && !looked_up_) {
    // The configured host itself may be on the admin's network (a name resolving to a
    // private address): then it is allowed, as the fetcher's rule says. Looked up here,
    // once, only for sources that hit the block; a redirect from a public source into
    // private space stays refused.
    looked_up_ = true;
    if (HostIsInternal(SplitUrl(source_.url).host())) {
      internal_ = true;
      FetchSource();
      return;
    }
  }
  auto to_writer = [&](auto fn) { OnWriter(std::move(fn)); };
  if (!result.ok()) {
    std::string why = result.not_modified() ? "" : FetchFailureWords(result);
    to_writer([self, result = std::move(result), why]() mutable {
      if (why.empty()) {
        self->Triage(std::move(result), {});
      } else {
        self->Fail(result, why);
      }
    });
    return;
  }
  std::vector<PollItem> items;
  std::vector<std::string> notes;
  std::string why;
  if (source_.type == SourceType::kFeed) {
    FeedParseOptions options;
    options.url = result.final_url.empty() ? source_.url : result.final_url;
    options.content_type = HeaderValue(result, "Content-Type");
    options.content_location = HeaderValue(result, "Content-Location");
    options.content_language = HeaderValue(result, "Content-Language");
    ParsedFeed feed = ParseFeed(result.body, options);
    if (!feed.format) {
      why = fmt::format("not a feed (RSS, Atom or JSON Feed) at {}", options.url);
      if (!feed.warnings.empty()) why += ": " + feed.warnings.front();
    } else {
      items = ItemsFromFeed(feed);
    }
  } else {
    ListingOptions options;
    options.url = result.final_url.empty() ? source_.url : result.final_url;
    options.content_type = HeaderValue(result, "Content-Type");
    options.link_pattern = source_.link_pattern;
    options.limits = PageLimits();
    auto listing = DiscoverListingLinks(result.body, options);
    if (!listing.ok()) {
      why = listing.status().message();
    } else {
      items = ItemsFromListing(listing->links);
      notes = std::move(listing->warnings);
    }
  }
  result.body.clear();  // not needed any more; polls of big sources stay small
  FaultPoint("after-parse");
  to_writer([self, result = std::move(result), items = std::move(items), why,
             notes = std::move(notes)]() mutable {
    self->notes_ = std::move(notes);
    if (!why.empty()) {
      self->Fail(result, why);
    } else {
      self->Triage(std::move(result), std::move(items));
    }
  });
}

// Writer thread: drops known items, records the rest or fetches their pages first.
void SourcePoll::Triage(FetchResult result, std::vector<PollItem> items) {
  listing_ = std::move(result);
  now_ = ctx_.clock();
  if (*stopping_) {
    Finish(listing_);
    return;
  }
  // Items whose pages would be fetched are checked against what the source already
  // holds (one query per poll); plain feed items go straight to RecordArticle, whose
  // indexed GUID / canonical-URL lookups drop the known ones.
  std::set<std::string> known;
  // Of the others, those whose article was pruned (only its dedup keys are left) are
  // recorded unfetched: a duplicate, and the record keeps their keys alive while the
  // listing still shows them (a long-lived link is not fetched again every poll).
  std::set<std::string> pruned;
  if (!items.empty() && needs_pages()) {
    auto recent = ctx_.store->RecentArticles(source_.name, kKnownArticlesWindow);
    if (recent.ok()) {
      for (const StoredArticle& a : recent.value()) known.insert(a.canonical_url);
    } else {
      ctx_.logger->Warn("source \"{}\": {}", source_.name, recent.status().message());
    }
    std::vector<std::string> unknown;
    for (const PollItem& item : items) {
      std::string canonical = CanonicalUrlOf(item.url, source_.canonical);
      if (!known.count(canonical)) unknown.push_back(std::move(canonical));
    }
    auto gone = ctx_.store->KnownDuplicateUrls(unknown);
    if (gone.ok()) {
      pruned = std::move(gone).value();
    } else {
      ctx_.logger->Warn("source \"{}\": {}", source_.name, gone.status().message());
    }
  }
  bool first = !state_.first_poll_done;
  std::vector<PollItem> to_fetch;
  std::vector<NewArticle> to_record;
  for (PollItem& item : items) {
    std::string canonical = CanonicalUrlOf(item.url, source_.canonical);
    if (known.count(canonical)) continue;
    bool backfill = first && IsBackfill(item, now_, daemon_.backfill);
    if (!needs_pages() || backfill || pruned.count(canonical)) {
      to_record.push_back(ToNewArticle(item, source_, !backfill));
    } else if (static_cast<int>(to_fetch.size()) < kMaxPageFetchesPerPoll) {
      to_fetch.push_back(std::move(item));
    } else {
      ++deferred_;
    }
  }
  Record(to_record);
  if (to_fetch.empty()) {
    Finish(listing_);
    return;
  }
  pages_pending_ = static_cast<int>(to_fetch.size());
  if (ctx_.store->Shared()) {
    // Several daemons: the poll holds one of its host's slots (daemon/poll_claims.h), so
    // it fetches its pages one at a time, and the host sees at most per_host transfers
    // from all the daemons together.
    page_queue_.assign(std::make_move_iterator(to_fetch.begin()),
                       std::make_move_iterator(to_fetch.end()));
    FetchNextPage();
    return;
  }
  for (PollItem& item : to_fetch) FetchPage(std::move(item));
}

void SourcePoll::FetchNextPage() {
  PollItem item = std::move(page_queue_.front());
  page_queue_.pop_front();
  FetchPage(std::move(item));
}

void SourcePoll::FetchPage(PollItem item) {
  FetchRequest request;
  request.url = item.url;
  request.timeout = daemon_.fetch_timeout;
  request.max_body = daemon_.max_body;
  request.source_name = source_.name;
  // A source on the admin's own network may link to pages of its own origin (scheme, host,
  // port), the same rule as for its redirects: nothing else internal.
  request.allow_private_network = internal_;
  request.private_origin = OriginOf(source_.url);
  auto self = shared_from_this();
  asio::post(*ctx_.io, [self, request = std::move(request), item = std::move(item)]() mutable {
    self->ctx_.fetcher->Fetch(std::move(request), [self, item = std::move(item)](
                                                      FetchResult page) mutable {
      asio::post(*self->ctx_.cpu, [self, page = std::move(page), item = std::move(item)]() mutable {
        std::optional<std::string> problem;
        if (page.ok()) {
          ExtractOptions options;
          options.url = page.final_url.empty() ? item.url : page.final_url;
          options.content_type = HeaderValue(page, "Content-Type");
          options.limits = self->PageLimits();
          Status guarded = CatchAll("extracting", [&] {
            auto article = ExtractArticle(page.body, options);
            if (article.ok()) {
              MergeExtractedArticle(article.value(), &item);
            } else {
              // The message names the page's URL. The item keeps the feed's fields.
              problem = article.status().message();
              self->ctx_.logger->Warn("source \"{}\": {} (recorded from the feed's fields)",
                                      self->source_.name, *problem);
            }
          });
          if (!guarded.ok()) {
            problem = fmt::format("{} {}", guarded.message(), item.url);
            self->ctx_.logger->Error("source \"{}\": {} (recorded from the feed's fields)",
                                     self->source_.name, *problem);
          }
        } else {
          // Recorded from what the feed or listing said; the link still works for readers.
          self->ctx_.logger->Warn("source \"{}\": article page {}: {}", self->source_.name,
                                  item.url, FetchFailureWords(page));
        }
        self->OnWriter([self, item = std::move(item), problem = std::move(problem)]() mutable {
          self->PageDone(std::move(item), std::move(problem));
        });
      });
    });
  });
}

void SourcePoll::PageDone(PollItem item, std::optional<std::string> problem) {
  if (problem && !*stopping_) {
    if (pages_failed_++ == 0) first_page_problem_ = std::move(*problem);
  }
  if (!*stopping_) {
    bool backfill = !state_.first_poll_done && IsBackfill(item, now_, daemon_.backfill);
    Record({ToNewArticle(item, source_, !backfill)});
  }
  if (--pages_pending_ == 0) {
    Finish(listing_);
  } else if (!page_queue_.empty()) {
    if (!*stopping_) {
      FetchNextPage();
      return;
    }
    page_queue_.clear();  // stopping: the pages not fetched yet are left for the next poll
    Finish(listing_);
  }
}

void SourcePoll::Record(const std::vector<NewArticle>& articles) {
  if (articles.empty()) return;
  std::vector<Result<RecordOutcome>> outcomes = ctx_.store->RecordArticles(articles, now_);
  for (std::size_t i = 0; i < outcomes.size() && i < articles.size(); ++i) {
    const NewArticle& a = articles[i];
    if (!outcomes[i].ok()) {
      ctx_.logger->Error("source \"{}\": cannot store {}: {}", source_.name, a.url,
                         outcomes[i].status().message());
      // A database error (disk full, read-only, I/O) fails the poll: its validators are not
      // saved, so the next poll fetches the items again. An invalid item fails alone.
      if (outcomes[i].status().code() != Status::Code::kInvalidArgument && !store_error_)
        store_error_ = outcomes[i].status().message();
    } else if (const RecordOutcome& r = outcomes[i].value(); r.is_new) {
      ++new_items_;
      ctx_.logger->Debug("source \"{}\": new {}{}", source_.name, a.url,
                         a.alertable ? "" : " (backfill, not alerted)");
    } else if (r.updated) {
      ctx_.logger->Info("source \"{}\": {} (article {}) changed beyond the dedup threshold{}",
                        source_.name, a.url, r.article_id,
                        r.realerted ? "; alerted again (alert_updates)" : "");
    } else if (r.rule == MatchRule::kContentHash || r.rule == MatchRule::kNearDuplicate) {
      ++merged_;
      ctx_.logger->Info("source \"{}\": {} is article {} under another URL ({}, similarity {:.3f})",
                        source_.name, a.url, r.article_id, MatchRuleName(r.rule), r.similarity);
    }
  }
}

void SourcePoll::OnWriter(std::function<void()> task) {
  auto self = shared_from_this();
  PostGuarded(*ctx_.writer, "a source poll step", std::move(task), [self](const Status& thrown) {
    // The writer's step threw (a store call, say): the poll ends as failed, once.
    self->ctx_.logger->Error("source \"{}\": {}", self->source_.name, thrown.message());
    if (self->finished_) return;
    Status failed = CatchAll("recording the failure", [&] {
      FetchResult facts;
      facts.error = FetchError::kOther;
      self->Fail(facts, thrown.message());
    });
    if (!failed.ok() && !self->finished_) {
      self->finished_ = true;
      PollOutcome outcome;
      outcome.source = self->source_.name;
      outcome.store_error = failed.message();
      self->done_(outcome);
    }
  });
}

ParseLimits PageLimitsFor(const DaemonOptions& daemon) {
  ParseLimits limits;
  limits.max_cpu = daemon.max_page_cpu;
  limits.max_nodes = static_cast<std::size_t>(daemon.max_page_nodes);
  limits.max_parser_bytes = daemon.max_page_memory;
  return limits;
}

ParseLimits SourcePoll::PageLimits() const {
  ParseLimits limits = PageLimitsFor(daemon_);
  limits.cancel = stopping_;
  return limits;
}

std::string SourcePoll::ProblemsSentence() const {
  std::string words;
  for (const std::string& note : notes_) words += "; " + note;
  if (pages_failed_ > 0) {
    words += fmt::format("; {} article page{} not extracted, the feed's text kept ({}{})",
                         pages_failed_, pages_failed_ == 1 ? "" : "s",
                         pages_failed_ == 1 ? "" : "first: ", first_page_problem_);
  }
  return words;
}

void SourcePoll::Fail(const FetchResult& result, std::string why) {
  listing_ = result;
  listing_.message = std::move(why);
  if (listing_.error == FetchError::kNone) listing_.error = FetchError::kOther;
  now_ = ctx_.clock();
  Finish(listing_);
}

// Writer thread: the source's state after the poll, then the report.
void SourcePoll::Finish(const FetchResult& given) {
  FetchResult result = given;
  if (store_error_ && (result.ok() || result.not_modified())) {
    result.error = FetchError::kOther;
    result.message =
        fmt::format("cannot record articles: {} (the next poll fetches them again)", *store_error_);
  }
  PollOutcome outcome;
  outcome.source = source_.name;
  outcome.ok = result.ok() || result.not_modified();
  outcome.new_items = new_items_;
  outcome.internal = internal_;
  outcome.store_error = store_error_;
  if (*stopping_) {
    // Shutdown overtook the poll (a fetch cancelled, items or pages left unrecorded): the
    // source's stored state stays as it was, validators included, so the next start
    // polls it afresh. What was already recorded is known by then and not repeated.
    outcome.abandoned = true;
    finished_ = true;
    done_(outcome);
    return;
  }
  // Jitter apart for each source and each poll, from one seed drawn per run.
  std::mt19937_64 rng(ctx_.jitter_seed ^
                      (std::hash<std::string>{}(source_.name) * 0x9e3779b97f4a7c15ULL) ^
                      static_cast<std::uint64_t>(now_.time_since_epoch().count()));
  state_.name = source_.name;
  state_.url = source_.url;
  state_.last_poll = now_;
  state_.last_http_status = result.http_status;
  // A permanent redirect stays on show while it happens (and after failures); a poll that
  // succeeds without one clears it (the admin updated the URL, or the site undid it).
  if (result.permanent_redirect || outcome.ok) state_.moved_to = result.permanent_redirect;
  std::chrono::seconds interval =
      source_.interval.count() > 0 ? source_.interval : daemon_.poll_interval;
  if (result.error == FetchError::kHostBackoff) {
    // Not the source's failure: its host asked everyone to wait. Come back when allowed.
    state_.last_status = result.message.empty() ? "host asked to wait" : result.message;
    state_.next_due = now_ + result.retry_after.value_or(interval);
  } else if (outcome.ok) {
    state_.consecutive_failures = 0;
    state_.last_success = now_;
    state_.last_error.reset();
    if (result.ok() && deferred_ == 0) {
      state_.etag = result.etag;
      state_.last_modified = result.last_modified;
    } else if (result.ok()) {
      // Links were left for the next poll: it must see the page again, not a 304.
      state_.etag.reset();
      state_.last_modified.reset();
    }
    if (result.ok()) {
      state_.last_status = fmt::format("{} OK, {} new", result.http_status, new_items_);
      if (merged_ > 0)
        state_.last_status += fmt::format(", {} already stored under another URL", merged_);
      if (deferred_ > 0) state_.last_status += fmt::format(", {} more next poll", deferred_);
      state_.last_status += ProblemsSentence();
    } else {
      state_.last_status = "304 not modified";
    }
    if (deferred_ == 0) state_.first_poll_done = true;
    state_.items_seen += new_items_;
    state_.next_due = NextPollAfterSuccess(now_, interval, &rng);
    if (deferred_ > 0) state_.next_due = std::min(*state_.next_due, now_ + kBacklogPollGap);
  } else {
    state_.consecutive_failures += 1;
    state_.last_error = result.message;
    state_.last_status = result.message;
    state_.items_seen += new_items_;
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    state_.next_due = NextPollAfterFailure(now_, state_.consecutive_failures, interval,
                                           result.retry_after, [&] { return unit(rng); });
  }
  Status put = ctx_.store->PutSource(state_);
  if (!put.ok()) {
    ctx_.logger->Error("source \"{}\": cannot save its state: {}", source_.name, put.message());
    if (!outcome.store_error) outcome.store_error = put.message();
  }
  if (outcome.ok) {
    ctx_.logger->Info("source \"{}\": {}", source_.name, state_.last_status);
  } else {
    ctx_.logger->Warn("source \"{}\" ({}): {} (failure {}, next try {})", source_.name, source_.url,
                      state_.last_status, state_.consecutive_failures,
                      FormatRfc3339(*state_.next_due));
  }
  if (result.permanent_redirect) {
    ctx_.logger->Warn("source \"{}\": moved permanently to {}; update the config", source_.name,
                      *result.permanent_redirect);
  }
  finished_ = true;
  done_(outcome);
}

}  // namespace gpalert
