// HttpFetcher: the Fetcher for http(s) sources. All transfers share one CurlMulti on
// the given io_context (connection reuse, HTTP/2 multiplexing, one DNS/TLS-session
// cache). It is polite: at most `concurrency` transfers overall and `per_host` per host
// (more wait in per-host queues, served round-robin), a minimum gap per host raised by
// robots.txt Crawl-delay, robots.txt obeyed and cached per host, and a host that
// answers 429/503 left alone until its Retry-After. It never parses bodies.
//
// Threads: Fetch() and Shutdown() may be called from any thread (they hop onto the
// io_context); callbacks run on the io thread. Construct anywhere; destroy on the io
// thread or after io_context::run() returned. run() returns by itself once all work is
// done (the daemon keeps its own work guard).
//
//   boost::asio::io_context io;
//   HttpFetcher fetcher(io, FetcherOptions{.user_agent = ..., .per_host = 2}, &logger);
//   fetcher.Fetch({.url = "https://example.org/feed.xml"}, [](FetchResult r) { ... });
//   io.run();
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>

#include "common/logger.h"
#include "fetchers/curl_multi.h"
#include "fetchers/curl_share.h"
#include "fetchers/fetcher.h"
#include "fetchers/fetcher_options.h"
#include "fetchers/robots_entry.h"

namespace gpalert {

class HttpFetcher : public Fetcher {
 public:
  // `io` and `logger` must outlive the fetcher.
  HttpFetcher(boost::asio::io_context& io, FetcherOptions options,
              Logger* logger = &Logger::Null());
  ~HttpFetcher() override;

  void Fetch(FetchRequest request, Callback done) override;
  void Shutdown() override;

  const FetcherOptions& options() const { return options_; }

  // Transfers running now / requests waiting in host queues. Network thread only.
  int in_flight() const { return in_flight_; }
  std::size_t queued() const;
  // Hosts the fetcher currently remembers. Network thread only.
  std::size_t known_hosts() const { return hosts_.size(); }

 private:
  using Clock = std::chrono::steady_clock;
  struct Job {
    FetchRequest request;
    Callback done;
  };
  struct Host {
    std::string key;  // scheme://host:port
    int in_flight = 0;
    std::deque<Job> queue;
    bool runnable = false;           // listed in runnable_
    Clock::time_point next_start{};  // min gap / Crawl-delay
    Clock::time_point backoff_until{};
    std::chrono::milliseconds gap{0};
    bool robots_fetching = false;
    std::optional<RobotsEntry> robots;
    Clock::time_point robots_expires{};
    // Requests that were waiting for the last robots.txt fetch: they use its answer even
    // if it expired meanwhile (a short TTL must not refetch robots.txt forever).
    std::size_t robots_covers = 0;
    std::unique_ptr<boost::asio::steady_timer> wake;
    Clock::time_point wake_at{};
  };

  void Enqueue(Job job);
  void Pump();
  // Starts at most one transfer for `host` (or its robots.txt), or arms its wake timer.
  void ServeHost(Host& host);
  void MakeRunnable(Host& host);
  void WakeAt(Host& host, Clock::time_point when);
  void StartRobots(Host& host, const Job& first);
  void OnRobotsDone(const std::string& key, FetchResult result);
  void StartTransfer(Host& host, Job job);
  void OnTransferDone(const std::string& key, Callback done, FetchResult result);
  // Runs `done` later on the io thread: callbacks never run inside Fetch or Pump.
  void Complete(Callback done, FetchResult result);
  void FailQueue(Host& host, FetchError error, const std::string& message,
                 std::optional<std::chrono::seconds> retry_after = std::nullopt);
  void ShutdownNow();
  // Drops hosts with nothing to remember; runs when the table grows past hosts_kept.
  void SweepIdleHosts();
  // Starts a curl transfer for `request`; `finish` gets the result on the io thread.
  void Launch(FetchRequest request, std::function<void(FetchResult)> finish);

  boost::asio::io_context& io_;
  FetcherOptions options_;
  Logger* logger_;
  std::string product_token_;
  CurlShare share_;
  CurlMulti multi_;
  std::unordered_map<std::string, Host> hosts_;
  std::deque<std::string> runnable_;  // keys of hosts that may be able to start a transfer
  int in_flight_ = 0;
  bool shut_down_ = false;
  std::size_t sweep_at_;  // hosts_.size() that triggers the next sweep
  std::shared_ptr<char> alive_ = std::make_shared<char>();
};

// Fetches one URL on a private io_context and returns when it is done, for CLI
// one-shots (`gpalert extract URL`). Any thread.
FetchResult FetchBlocking(const FetchRequest& request, const FetcherOptions& options,
                          Logger* logger = &Logger::Null());
// As FetchBlocking, but a failure (no response, HTTP status >= 400) is a Status naming
// the URL: kTemporary for 429/503 and timeouts, kNetwork otherwise. 2xx and 304 are values.
Result<FetchResult> FetchOnce(const FetchRequest& request, const FetcherOptions& options,
                              Logger* logger = &Logger::Null());

}  // namespace gpalert
