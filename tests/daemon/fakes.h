// Test doubles for the daemon's tests: a Fetcher serving canned responses (recording
// what was asked, validators included), and a harness running the service's threads
// (an io_context thread, CPU and writer pools) around a real SqlStore in a temp dir.
#pragma once

#include <algorithm>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <future>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "daemon/service_context.h"
#include "fetchers/fetcher.h"
#include "store/sql_store.h"
#include "tests/support/scoped_temp_dir.h"

namespace gpalert::testing {

// Serves `responses` by URL (a missing URL is a 404); posts each answer to the
// io_context as the real fetcher calls back on the network thread.
class FakeFetcher : public Fetcher {
 public:
  explicit FakeFetcher(boost::asio::io_context* io) : io_(io) {}

  void Serve(const std::string& url, std::string body,
             std::string content_type = "application/rss+xml") {
    FetchResult r;
    r.http_status = 200;
    r.final_url = url;
    r.body = std::move(body);
    r.headers = {{"Content-Type", std::move(content_type)}};
    Respond(url, std::move(r));
  }
  void Respond(const std::string& url, FetchResult result) {
    std::lock_guard<std::mutex> lock(mu_);
    responses_[url] = std::move(result);
  }
  void Fail(const std::string& url, FetchError error, long status, std::string message) {
    FetchResult r;
    r.error = error;
    r.http_status = status;
    r.final_url = url;
    r.message = std::move(message);
    Respond(url, std::move(r));
  }

  // Requests for `url` are refused as the real fetcher refuses private addresses,
  // unless they carry allow_private_network.
  void RequirePrivateNetwork(const std::string& url) {
    std::lock_guard<std::mutex> lock(mu_);
    private_urls_.push_back(url);
  }

  void Fetch(FetchRequest request, Callback done) override {
    FetchResult result;
    {
      std::lock_guard<std::mutex> lock(mu_);
      requests_.push_back(request);
      auto it = responses_.find(request.url);
      bool refused =
          !request.allow_private_network &&
          std::find(private_urls_.begin(), private_urls_.end(), request.url) != private_urls_.end();
      if (refused) {
        result.error = FetchError::kBlockedAddress;
        result.message = "connection to a loopback address refused";
      } else if (shut_down_) {
        result.error = FetchError::kOther;
        result.message = "cancelled";
      } else if (it == responses_.end()) {
        result.error = FetchError::kHttpStatus;
        result.http_status = 404;
        result.message = "404 Not Found";
      } else {
        result = it->second;
        // Conditional GET: a matching validator gets a 304 without a body.
        if (result.ok() && result.etag && request.etag == result.etag) {
          result.http_status = 304;
          result.body.clear();
        }
      }
    }
    boost::asio::post(*io_, [done = std::move(done), result = std::move(result)]() mutable {
      done(std::move(result));
    });
  }
  void Shutdown() override {
    std::lock_guard<std::mutex> lock(mu_);
    shut_down_ = true;
  }
  // Takes requests again after Shutdown (the next run of a test that runs several).
  void Reopen() {
    std::lock_guard<std::mutex> lock(mu_);
    shut_down_ = false;
  }

  std::vector<FetchRequest> requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }
  int CountRequests(const std::string& url) {
    int n = 0;
    for (const FetchRequest& r : requests()) n += r.url == url;
    return n;
  }

 private:
  boost::asio::io_context* io_;
  std::mutex mu_;
  std::map<std::string, FetchResult> responses_;
  std::vector<FetchRequest> requests_;
  std::vector<std::string> private_urls_;
  bool shut_down_ = false;
};

// The threads of a service run, with a fake fetcher and a real store in a temp dir.
// RunOnWriter() executes a function on the writer thread and waits for it.
class ThreadsHarness {
 public:
  ThreadsHarness() : fetcher(&io), guard_(boost::asio::make_work_guard(io)) {
    auto opened = SqlStore::Open(dir.File("gpalert.db"));
    if (opened.ok()) store = std::move(opened).value();
    network_ = std::thread([this] { io.run(); });
    ctx.io = &io;
    ctx.cpu = &cpu;
    ctx.writer = &writer;
    ctx.mail = &mail;
    ctx.fetcher = &fetcher;
    ctx.store = store.get();
    ctx.logger = &Logger::Null();
    ctx.clock = [this] { return now; };
  }
  ~ThreadsHarness() {
    cpu.join();
    writer.join();
    mail.join();
    guard_.reset();
    network_.join();
  }

  template <typename Fn>
  auto RunOnWriter(Fn fn) {
    std::packaged_task<decltype(fn())()> task(std::move(fn));
    auto result = task.get_future();
    boost::asio::post(writer, [&task] { task(); });
    return result.get();
  }

  ScopedTempDir dir;
  boost::asio::io_context io;
  boost::asio::thread_pool cpu{2};
  boost::asio::thread_pool writer{1};
  boost::asio::thread_pool mail{1};
  FakeFetcher fetcher;
  std::unique_ptr<SqlStore> store;
  ServiceContext ctx;
  Instant now = Instant(std::chrono::seconds(1'800'000'000));  // 2027-01-15T08:00:00Z

 private:
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_;
  std::thread network_;
};

}  // namespace gpalert::testing

#include "alerts/mail/mailer.h"

namespace gpalert::testing {

// Records every message it is asked to send; answers with `outcome` (sent by default).
class FakeMailer : public Mailer {
 public:
  SendOutcome DoSend(const OutboxMessage& msg, const std::atomic<bool>* /*cancel*/) override {
    std::lock_guard<std::mutex> lock(mu_);
    sent_.push_back(msg);
    return outcome_;
  }
  void set_outcome(SendOutcome outcome) {
    std::lock_guard<std::mutex> lock(mu_);
    outcome_ = std::move(outcome);
  }
  std::vector<OutboxMessage> sent() {
    std::lock_guard<std::mutex> lock(mu_);
    return sent_;
  }

 private:
  std::mutex mu_;
  std::vector<OutboxMessage> sent_;
  SendOutcome outcome_ = SendOutcome::Sent(250, "250 OK");
};

}  // namespace gpalert::testing
