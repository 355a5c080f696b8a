#include "fetchers/http_fetcher.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <utility>

#include "common/duration.h"
#include "common/url.h"
#include "fetchers/http_transfer.h"

namespace gpalert {
namespace {

namespace asio = boost::asio;

std::string HostKey(std::string_view url) { return OriginOf(url); }

// Path and query of a URL, as robots.txt rules see it.
std::string RobotsPath(std::string_view url) {
  UrlParts parts = SplitUrl(url);
  std::string path = parts.path.empty() ? "/" : parts.path;
  if (parts.query) path += "?" + *parts.query;
  return path;
}

FetchResult Failure(const FetchRequest& request, FetchError error, std::string message) {
  FetchResult r;
  r.error = error;
  r.message = std::move(message);
  r.final_url = request.url;
  return r;
}

}  // namespace

HttpFetcher::HttpFetcher(asio::io_context& io, FetcherOptions options, Logger* logger)
    : io_(io),
      options_(std::move(options)),
      logger_(logger != nullptr ? logger : &Logger::Null()),
      product_token_(ProductToken(options_.user_agent)),
      multi_(io),
      sweep_at_(std::max<std::size_t>(1, options_.hosts_kept)) {
  options_.concurrency = std::max(1, options_.concurrency);
  options_.per_host = std::max(1, options_.per_host);
  if (options_.http2) curl_multi_setopt(multi_.get(), CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
  // Keep enough idle connections for every host in flight to be reused.
  curl_multi_setopt(multi_.get(), CURLMOPT_MAXCONNECTS,
                    static_cast<long>(options_.concurrency) * 2);
}

HttpFetcher::~HttpFetcher() {
  ShutdownNow();
  alive_.reset();
}

void HttpFetcher::Fetch(FetchRequest request, Callback done) {
  std::weak_ptr<char> alive = alive_;
  asio::dispatch(io_, [this, alive, job = Job{std::move(request), std::move(done)}]() mutable {
    if (alive.expired()) return;
    Enqueue(std::move(job));
  });
}

void HttpFetcher::Shutdown() {
  std::weak_ptr<char> alive = alive_;
  asio::dispatch(io_, [this, alive] {
    if (!alive.expired()) ShutdownNow();
  });
}

std::size_t HttpFetcher::queued() const {
  std::size_t n = 0;
  for (const auto& [key, host] : hosts_) n += host.queue.size();
  return n;
}

void HttpFetcher::Enqueue(Job job) {
  if (shut_down_) {
    Complete(std::move(job.done),
             Failure(job.request, FetchError::kOther, "cancelled (fetcher shut down)"));
    return;
  }
  if (!IsHttpUrl(job.request.url)) {
    std::string message = "only http and https URLs are fetched: " + job.request.url;
    Complete(std::move(job.done), Failure(job.request, FetchError::kBadScheme, std::move(message)));
    return;
  }
  std::string key = HostKey(job.request.url);
  if (hosts_.size() >= sweep_at_ && !hosts_.contains(key)) SweepIdleHosts();
  auto [it, fresh] = hosts_.try_emplace(key);
  Host& host = it->second;
  if (fresh) {
    host.key = key;
    host.gap = options_.min_host_gap;
  }
  host.queue.push_back(std::move(job));
  MakeRunnable(host);
  Pump();
}

void HttpFetcher::MakeRunnable(Host& host) {
  if (host.runnable || host.queue.empty() || shut_down_) return;
  host.runnable = true;
  runnable_.push_back(host.key);
}

void HttpFetcher::Pump() {
  // Each turn either starts a transfer or drops a host from runnable_, so this ends.
  while (!shut_down_ && in_flight_ < options_.concurrency && !runnable_.empty()) {
    Host& host = hosts_.at(runnable_.front());
    runnable_.pop_front();
    host.runnable = false;
    ServeHost(host);
  }
}

void HttpFetcher::ServeHost(Host& host) {
  Clock::time_point now = Clock::now();
  while (!host.queue.empty()) {
    bool robots_stale = !host.robots || (now >= host.robots_expires && host.robots_covers == 0);
    if (options_.obey_robots && robots_stale) {
      if (!host.robots_fetching && host.in_flight < options_.per_host)
        StartRobots(host, host.queue.front());
      return;  // OnRobotsDone makes the host runnable again
    }
    if (host.robots && host.robots->failure) {
      FailQueue(host, *host.robots->failure, host.robots->failure_message);
      return;
    }
    if (host.backoff_until > now) {
      auto wait = std::chrono::ceil<std::chrono::seconds>(host.backoff_until - now);
      if (wait > options_.max_queue_wait) {
        FailQueue(host, FetchError::kHostBackoff,
                  "not fetched: the host asked for quiet (HTTP 429/503); next try in " +
                      FormatDuration(wait),
                  wait);
        return;
      }
      WakeAt(host, host.backoff_until);
      return;
    }
    if (host.in_flight >= options_.per_host) return;  // OnTransferDone makes it runnable
    if (host.next_start > now) {
      WakeAt(host, host.next_start);
      return;
    }
    Job job = std::move(host.queue.front());
    host.queue.pop_front();
    if (host.robots_covers > 0) --host.robots_covers;
    if (host.robots) {
      if (const RobotsTxt::Rule* rule = host.robots->rules.Blocking(RobotsPath(job.request.url))) {
        Complete(std::move(job.done), Failure(job.request, FetchError::kRobots,
                                              "robots.txt disallows " + rule->pattern));
        continue;
      }
    }
    StartTransfer(host, std::move(job));
    MakeRunnable(host);  // round-robin: back of the line if more is queued
    return;
  }
}

void HttpFetcher::WakeAt(Host& host, Clock::time_point when) {
  if (!host.wake) host.wake = std::make_unique<asio::steady_timer>(io_);
  if (host.wake_at != Clock::time_point{} && host.wake_at <= when) return;  // wakes earlier already
  host.wake_at = when;
  host.wake->expires_at(when);
  std::weak_ptr<char> alive = alive_;
  host.wake->async_wait([this, alive, key = host.key](const boost::system::error_code& ec) {
    if (ec || alive.expired()) return;
    auto it = hosts_.find(key);
    if (it == hosts_.end()) return;
    Host& h = it->second;
    h.wake_at = Clock::time_point{};
    MakeRunnable(h);
    Pump();
  });
}

void HttpFetcher::StartRobots(Host& host, const Job& first) {
  FetchRequest request;
  request.url = RobotsUrlFor(first.request.url);
  request.timeout = std::min(first.request.timeout, std::chrono::milliseconds(30'000));
  request.max_body = options_.robots_max_bytes;
  request.allow_private_network = first.request.allow_private_network;
  request.source_name = first.request.source_name;
  host.robots_fetching = true;
  ++host.in_flight;
  ++in_flight_;
  logger_->Debug("fetch {}", request.url);
  Launch(std::move(request),
         [this, key = host.key](FetchResult r) { OnRobotsDone(key, std::move(r)); });
}

void HttpFetcher::OnRobotsDone(const std::string& key, FetchResult result) {
  Host& host = hosts_.at(key);
  host.robots_fetching = false;
  --host.in_flight;
  --in_flight_;
  if (shut_down_) return;
  RobotsEntry entry = RobotsEntryFromFetch(result, product_token_, options_);
  if (entry.failure) logger_->Info("{}: {}", key, entry.failure_message);
  host.robots_expires = Clock::now() + entry.ttl;
  std::chrono::milliseconds delay =
      entry.rules.crawl_delay().value_or(std::chrono::milliseconds(0));
  delay = std::min<std::chrono::milliseconds>(delay, options_.max_crawl_delay);
  host.gap = std::max(options_.min_host_gap, delay);
  host.robots = std::move(entry);
  host.robots_covers = host.queue.size();
  MakeRunnable(host);
  Pump();
}

void HttpFetcher::StartTransfer(Host& host, Job job) {
  ++host.in_flight;
  ++in_flight_;
  host.next_start = Clock::now() + host.gap;
  logger_->Debug("fetch {}", job.request.url);
  Launch(std::move(job.request),
         [this, key = host.key, done = std::move(job.done)](FetchResult r) mutable {
           OnTransferDone(key, std::move(done), std::move(r));
         });
}

void HttpFetcher::Launch(FetchRequest request, std::function<void(FetchResult)> finish) {
  auto transfer = std::make_shared<HttpTransfer>(std::move(request), options_);
  Result<CurlEasy> easy = CurlEasy::Create();
  Status status = easy.ok() ? transfer->Configure(*easy, share_.get()) : easy.status();
  if (!status.ok()) {
    FetchResult r = Failure(transfer->request(), FetchError::kOther, status.message());
    std::weak_ptr<char> alive = alive_;  // `finish` refers to this fetcher
    asio::post(io_, [alive, finish = std::move(finish), r = std::move(r)]() mutable {
      if (!alive.expired()) finish(std::move(r));
    });
    return;
  }
  multi_.Add(std::move(*easy),
             [this, transfer, finish = std::move(finish)](CURLcode code, CurlEasy& e) {
               bool cancelled = code == CURLE_ABORTED_BY_CALLBACK && multi_.is_shut_down();
               finish(transfer->Finish(code, e, cancelled));
             });
}

void HttpFetcher::OnTransferDone(const std::string& key, Callback done, FetchResult result) {
  Host& host = hosts_.at(key);
  --host.in_flight;
  --in_flight_;
  if (result.http_status == 429 || result.http_status == 503) {
    std::chrono::seconds wait = std::min(result.retry_after.value_or(options_.default_host_backoff),
                                         options_.max_retry_after);
    result.retry_after = wait;
    host.backoff_until = std::max(host.backoff_until, Clock::now() + wait);
    logger_->Info("{}: HTTP {}; leaving the host alone for {}", key, result.http_status,
                  FormatDuration(wait));
    // What was queued for the host would only add to its load: hand it back now, so a
    // busy host costs one answer, not a wait per request.
    FailQueue(host, FetchError::kHostBackoff,
              fmt::format("not fetched: the host answered HTTP {} and asked for {} of quiet",
                          result.http_status, FormatDuration(wait)),
              wait);
  }
  if (!result.ok() && !result.not_modified())
    logger_->Debug("{}: {}", result.final_url, result.message);
  Complete(std::move(done), std::move(result));
  MakeRunnable(host);
  Pump();
}

void HttpFetcher::Complete(Callback done, FetchResult result) {
  asio::post(io_, [done = std::move(done), result = std::move(result)]() mutable {
    done(std::move(result));
  });
}

void HttpFetcher::FailQueue(Host& host, FetchError error, const std::string& message,
                            std::optional<std::chrono::seconds> retry_after) {
  std::deque<Job> jobs = std::move(host.queue);
  host.queue.clear();
  host.robots_covers = 0;
  for (Job& job : jobs) {
    FetchResult r = Failure(job.request, error, message);
    r.retry_after = retry_after;
    Complete(std::move(job.done), std::move(r));
  }
}

void HttpFetcher::ShutdownNow() {
  if (shut_down_) return;
  shut_down_ = true;
  runnable_.clear();
  for (auto& [key, host] : hosts_) {
    FailQueue(host, FetchError::kOther, "cancelled (fetcher shut down)");
    if (host.wake) host.wake->cancel();
  }
  multi_.Shutdown();  // in-flight transfers finish now, with "cancelled"
}

void HttpFetcher::SweepIdleHosts() {
  Clock::time_point now = Clock::now();
  for (auto it = hosts_.begin(); it != hosts_.end();) {
    const Host& h = it->second;
    bool idle = h.queue.empty() && h.in_flight == 0 && !h.runnable &&
                h.wake_at == Clock::time_point{} && !h.robots_fetching && h.backoff_until <= now &&
                h.next_start <= now && (!h.robots || h.robots_expires <= now);
    it = idle ? hosts_.erase(it) : std::next(it);
  }
  // Amortised: the next sweep waits until the table has doubled again.
  sweep_at_ = std::max(std::max<std::size_t>(1, options_.hosts_kept), hosts_.size() * 2);
}

FetchResult FetchBlocking(const FetchRequest& request, const FetcherOptions& options,
                          Logger* logger) {
  asio::io_context io;
  FetchResult out;
  {
    HttpFetcher fetcher(io, options, logger);
    fetcher.Fetch(request, [&out](FetchResult r) { out = std::move(r); });
    io.run();
  }
  return out;
}

Result<FetchResult> FetchOnce(const FetchRequest& request, const FetcherOptions& options,
                              Logger* logger) {
  FetchResult r = FetchBlocking(request, options, logger);
  if (r.ok() || r.not_modified()) return r;
  std::string message = request.url + ": " + r.message;
  bool temporary = r.http_status == 429 || r.http_status == 503 ||
                   r.error == FetchError::kTimeout || r.error == FetchError::kHostBackoff;
  return temporary ? Status::Temporary(std::move(message)) : Status::Network(std::move(message));
}

}  // namespace gpalert
