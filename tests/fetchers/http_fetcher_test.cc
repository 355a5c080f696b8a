// HttpFetcher end to end against the fault-injecting server on 127.0.0.1.
#include "fetchers/http_fetcher.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <vector>

#include "tests/fetchers/fault_server.h"

namespace gpalert {
namespace {

// Runs `io` until its work is done, failing (not hanging) after a minute.
void RunBounded(boost::asio::io_context& io) {
  io.run_for(std::chrono::seconds(60));
  EXPECT_TRUE(io.stopped()) << "the fetcher did not finish within 60 s";
}

class HttpFetcherTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string error;
    server_ = FaultServer::Start(&error).release();
    if (server_ == nullptr) FAIL() << error;
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    ASSERT_NE(server_, nullptr);
    server_->Reset();
    options_.user_agent = "gpalert-test/1.0";
    options_.connect_timeout = std::chrono::milliseconds(2000);
  }

  FetchRequest Request(std::string_view path) const {
    FetchRequest r;
    r.url = server_->Url(path);
    r.allow_private_network = true;  // the source itself is on loopback
    r.timeout = std::chrono::milliseconds(5000);
    return r;
  }

  // Runs all requests on one fetcher and returns their results in request order.
  std::vector<FetchResult> FetchAll(std::vector<FetchRequest> requests) {
    boost::asio::io_context io;
    HttpFetcher fetcher(io, options_);
    std::vector<FetchResult> results(requests.size());
    for (size_t i = 0; i < requests.size(); ++i)
      fetcher.Fetch(requests[i], [&results, i](FetchResult r) { results[i] = std::move(r); });
    RunBounded(io);
    return results;
  }
  FetchResult FetchOne(FetchRequest request) { return FetchAll({std::move(request)})[0]; }
  int Hits(const std::string& path) { return server_->Stats()["hits"].value(path, 0); }

  static FaultServer* server_;
  FetcherOptions options_;
};

FaultServer* HttpFetcherTest::server_ = nullptr;

TEST_F(HttpFetcherTest, FetchesAFeedWithItsValidators) {
  FetchResult r = FetchOne(Request("/feed"));
  EXPECT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.http_status, 200);
  EXPECT_NE(r.body.find("<rss"), std::string::npos);
  EXPECT_EQ(r.etag, "\"v1\"");
  EXPECT_EQ(r.last_modified, "Mon, 02 Nov 2026 10:00:00 GMT");
  EXPECT_EQ(r.message, "");
  EXPECT_EQ(Hits("/robots.txt"), 1);
}

TEST_F(HttpFetcherTest, SendsConditionalGetAndServerAnswers304) {
  FetchResult first = FetchOne(Request("/feed"));
  ASSERT_TRUE(first.ok()) << first.message;
  FetchRequest again = Request("/feed");
  again.etag = first.etag;
  again.last_modified = first.last_modified;
  FetchResult second = FetchOne(again);
  EXPECT_TRUE(second.not_modified());
  EXPECT_EQ(second.message, "304 not modified");
  EXPECT_EQ(second.body, "");
  EXPECT_EQ(second.etag, "\"v1\"");
  EXPECT_EQ(second.last_modified, first.last_modified);  // carried over for the next poll
  EXPECT_EQ(server_->Stats()["not_modified"], 1);
}

TEST_F(HttpFetcherTest, ReportsServerErrorsInWords) {
  std::vector<FetchResult> r = FetchAll({Request("/status/500"), Request("/status/404")});
  EXPECT_EQ(r[0].error, FetchError::kHttpStatus);
  EXPECT_EQ(r[0].message, "HTTP 500 Internal Server Error");
  EXPECT_EQ(r[1].message, "HTTP 404 Not Found");
  EXPECT_FALSE(r[0].ok());
}

TEST_F(HttpFetcherTest, DetectsARedirectLoopAndCapsRedirects) {
  options_.max_redirects = 3;
  std::vector<FetchResult> r =
      FetchAll({Request("/loop/a"), Request("/chain/10"), Request("/chain/2")});
  EXPECT_EQ(r[0].error, FetchError::kRedirectLoop);
  EXPECT_EQ(r[0].message.rfind("redirect loop: ", 0), 0u) << r[0].message;
  EXPECT_EQ(r[1].error, FetchError::kRedirectLoop);
  EXPECT_EQ(r[1].message.rfind("more than 3 redirects", 0), 0u) << r[1].message;
  EXPECT_TRUE(r[2].ok()) << r[2].message;
  EXPECT_EQ(r[2].final_url, server_->Url("/chain/0"));
  EXPECT_EQ(r[2].permanent_redirect, std::nullopt);
}

TEST_F(HttpFetcherTest, RecordsAPermanentRedirectForTheAdmin) {
  FetchResult r = FetchOne(Request("/moved"));
  EXPECT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.final_url, server_->Url("/feed"));
  EXPECT_EQ(r.permanent_redirect, server_->Url("/feed"));
}

TEST_F(HttpFetcherTest, GivesUpOnAStalledServerAtTheTimeout) {
  FetchRequest stall = Request("/stall");
  stall.timeout = std::chrono::milliseconds(1000);
  auto started = std::chrono::steady_clock::now();
  std::vector<FetchResult> r = FetchAll({stall, Request("/feed")});
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  EXPECT_EQ(r[0].error, FetchError::kTimeout);
  EXPECT_EQ(r[0].message, "timed out after 1 s");
  EXPECT_TRUE(r[1].ok()) << "a stalled source must not hold up the others: " << r[1].message;
}

TEST_F(HttpFetcherTest, CutsAGzipBombAtMaxBody) {
  FetchRequest bomb = Request("/bomb");
  bomb.max_body = 1000 * 1000;
  FetchResult r = FetchOne(bomb);
  EXPECT_EQ(r.error, FetchError::kTooLarge);
  EXPECT_EQ(r.message, "body over 1 MB limit");
  EXPECT_EQ(r.body.size(), 1000u * 1000u);  // decompressed bytes stop at the limit
}

TEST_F(HttpFetcherTest, ReportsARefusedPortAndATruncatedBody) {
  RefusingPort refusing;
  FetchRequest refused = Request("/");
  refused.url = "http://127.0.0.1:" + std::to_string(refusing.port()) + "/feed";
  std::vector<FetchResult> r = FetchAll({refused, Request("/truncated")});
  EXPECT_EQ(r[0].error, FetchError::kConnect);
  EXPECT_EQ(r[0].message, "connection refused (127.0.0.1) (fetching robots.txt)");
  EXPECT_EQ(r[1].error, FetchError::kTruncated);
  EXPECT_EQ(r[1].message, "connection closed after 10 bytes, before the body was complete");
}

TEST_F(HttpFetcherTest, ObeysRobotsTxtDisallow) {
  std::vector<FetchResult> r = FetchAll({Request("/private/secret"), Request("/private/open")});
  EXPECT_EQ(r[0].error, FetchError::kRobots);
  EXPECT_EQ(r[0].message, "robots.txt disallows /private/");
  EXPECT_TRUE(r[1].ok()) << r[1].message;  // the longer Allow wins
  EXPECT_EQ(Hits("/private/secret"), 0);
  EXPECT_EQ(Hits("/robots.txt"), 1);
}

TEST_F(HttpFetcherTest, KeepsToThePerHostLimitObservedAtTheServer) {
  options_.per_host = 2;
  options_.concurrency = 10;
  std::vector<FetchRequest> requests(6, Request("/slow?ms=300"));
  for (const FetchResult& r : FetchAll(requests)) EXPECT_TRUE(r.ok()) << r.message;
  nlohmann::json stats = server_->Stats();
  EXPECT_EQ(stats["max_active"], 2);
  EXPECT_EQ(stats["hits"]["/slow"], 6);
}

TEST_F(HttpFetcherTest, CapsTransfersInFlightOverallAndReusesConnections) {
  options_.per_host = 10;
  options_.concurrency = 3;
  std::vector<FetchRequest> requests(8, Request("/slow?ms=200"));
  for (const FetchResult& r : FetchAll(requests)) EXPECT_TRUE(r.ok()) << r.message;
  nlohmann::json stats = server_->Stats();
  EXPECT_EQ(stats["max_active"], 3);
  EXPECT_EQ(stats["hits"]["/slow"], 8);
  EXPECT_LE(stats["connections"], 3 + 1);  // + the /reset fetch; robots.txt rode along
}

TEST_F(HttpFetcherTest, SpacesRequestsByTheHostsCrawlDelay) {
  FetchRequest a = Request("/open/1"), b = Request("/open/2");
  a.url = server_->Url("/open/1", "slowbot.localhost");
  b.url = server_->Url("/open/2", "slowbot.localhost");
  for (const FetchResult& r : FetchAll({a, b})) EXPECT_TRUE(r.ok()) << r.message;
  nlohmann::json times = server_->Stats()["times"];
  ASSERT_EQ(times["/open/1"].size(), 1u);
  ASSERT_EQ(times["/open/2"].size(), 1u);
  EXPECT_GE(times["/open/2"][0].get<double>() - times["/open/1"][0].get<double>(), 0.95);
}

TEST_F(HttpFetcherTest, KeepsOffAHostWhoseRobotsTxtFailsButNotOneWithoutRobotsTxt) {
  FetchRequest down = Request("/open/x"), missing = Request("/private/y");
  down.url = server_->Url("/open/x", "down.localhost");
  missing.url = server_->Url("/private/y", "norobots.localhost");
  std::vector<FetchResult> r = FetchAll({down, missing});
  EXPECT_EQ(r[0].error, FetchError::kRobots);
  EXPECT_EQ(
      r[0].message,
      "robots.txt answered HTTP 503 Service Unavailable; not fetching from this host for 10 min");
  EXPECT_EQ(r[1].error, FetchError::kHttpStatus);  // fetched: 404 robots.txt allows everything
  EXPECT_EQ(Hits("/open/x"), 0);
  EXPECT_EQ(Hits("/private/y"), 1);
}

TEST_F(HttpFetcherTest, HonoursRetryAfterBeforeAskingTheHostAgain) {
  boost::asio::io_context io;
  HttpFetcher fetcher(io, options_);
  std::vector<FetchResult> results;
  fetcher.Fetch(Request("/retry?key=a"), [&](FetchResult first) {
    results.push_back(std::move(first));
    fetcher.Fetch(Request("/retry?key=a"),
                  [&](FetchResult second) { results.push_back(std::move(second)); });
  });
  RunBounded(io);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].http_status, 503);
  EXPECT_EQ(results[0].retry_after, std::chrono::seconds(2));
  EXPECT_TRUE(results[1].ok()) << results[1].message;
  std::vector<double> times = server_->Stats()["times"]["/retry"];
  ASSERT_EQ(times.size(), 2u);
  EXPECT_GE(times[1] - times[0], 1.9);
}

TEST_F(HttpFetcherTest, HandsBackQueuedRequestsWhenTheHostAsksForQuiet) {
  options_.per_host = 1;
  std::vector<FetchResult> r =
      FetchAll({Request("/retry?key=b"), Request("/retry?key=b"), Request("/retry?key=b")});
  EXPECT_EQ(r[0].http_status, 503);
  for (int i : {1, 2}) {
    EXPECT_EQ(r[i].error, FetchError::kHostBackoff);
    EXPECT_EQ(r[i].message, "not fetched: the host answered HTTP 503 and asked for 2 s of quiet");
    EXPECT_EQ(r[i].retry_after, std::chrono::seconds(2));
  }
  EXPECT_EQ(Hits("/retry"), 1);  // one answer, not a wait per request
}

TEST_F(HttpFetcherTest, RefusesARedirectToAnotherInternalHost) {
  // The source is on loopback (allowed), but its redirect to 127.0.0.2 is not.
  FetchResult r = FetchOne(Request("/redirect?to=" + server_->Url("/feed", "127.0.0.2")));
  EXPECT_EQ(r.error, FetchError::kBlockedAddress);
  EXPECT_NE(r.message.find("127.0.0.2 (loopback address)"), std::string::npos) << r.message;
}

TEST_F(HttpFetcherTest, RefusesLoopbackWhenTheRequestDoesNotAllowIt) {
  FetchRequest r = Request("/feed");
  r.allow_private_network = false;
  options_.obey_robots = false;
  FetchResult result = FetchOne(r);
  EXPECT_EQ(result.error, FetchError::kBlockedAddress);
  EXPECT_EQ(Hits("/feed"), 0);
}

TEST_F(HttpFetcherTest, RefusesNonHttpSchemesAndRedirectsToThem) {
  FetchRequest file = Request("/");
  file.url = "file:///etc/passwd";
  std::vector<FetchResult> r = FetchAll({file, Request("/redirect?to=file:///etc/passwd")});
  EXPECT_EQ(r[0].error, FetchError::kBadScheme);
  EXPECT_EQ(r[1].error, FetchError::kBadScheme);
  EXPECT_EQ(r[1].body, "");
}

TEST_F(HttpFetcherTest, ShutdownCancelsTransfersInFlight) {
  boost::asio::io_context io;
  HttpFetcher fetcher(io, options_);
  std::vector<FetchResult> results;
  for (int i = 0; i < 3; ++i)
    fetcher.Fetch(Request("/stall"), [&](FetchResult r) { results.push_back(std::move(r)); });
  boost::asio::steady_timer timer(io, std::chrono::milliseconds(300));
  timer.async_wait([&](const boost::system::error_code&) { fetcher.Shutdown(); });
  RunBounded(io);
  ASSERT_EQ(results.size(), 3u);  // every callback ran once
  for (const FetchResult& r : results) {
    EXPECT_EQ(r.error, FetchError::kOther);
    EXPECT_EQ(r.message, "cancelled (fetcher shut down)");
  }
}

TEST_F(HttpFetcherTest, ForgetsIdleHostsOnceTheirRobotsTxtExpired) {
  options_.hosts_kept = 1;
  options_.robots_ttl = std::chrono::seconds(0);
  boost::asio::io_context io;
  HttpFetcher fetcher(io, options_);
  FetchRequest first = Request("/open/1"), second = Request("/open/2");
  second.url = server_->Url("/open/2", "norobots.localhost");
  int ok = 0;
  fetcher.Fetch(first, [&](FetchResult r) {
    ok += r.ok();
    EXPECT_EQ(fetcher.known_hosts(), 1u);
    fetcher.Fetch(second, [&](FetchResult r2) { ok += r2.ok(); });
  });
  RunBounded(io);
  EXPECT_EQ(ok, 2);
  EXPECT_EQ(fetcher.known_hosts(), 1u);  // 127.0.0.1 was dropped when the second host came
}

TEST_F(HttpFetcherTest, SendsExtraHeadersButNoInjectedLines) {
  FetchRequest a = Request("/echo?h=X-Test"), b = Request("/echo?h=X-Evil");
  a.extra_headers = {"X-Test: yes"};
  b.extra_headers = {"X-Test: no\r\nX-Evil: injected"};
  b.etag = "\"v1\"\r\nX-Evil: injected";
  std::vector<FetchResult> r = FetchAll({a, b});
  EXPECT_EQ(r[0].body, "yes");
  EXPECT_EQ(r[1].body, "-");
}

TEST_F(HttpFetcherTest, VerifiesTlsCertificates) {
  std::string error;
  std::unique_ptr<FaultServer> tls = FaultServer::Start(&error, /*tls=*/true);
  ASSERT_NE(tls, nullptr) << error;
  FetchRequest request = Request("/feed");
  request.url = tls->Url("/feed");
  options_.obey_robots = false;
  FetchResult untrusted = FetchOne(request);
  EXPECT_EQ(untrusted.error, FetchError::kTls);
  EXPECT_EQ(untrusted.message.rfind("TLS failed: ", 0), 0u) << untrusted.message;
  options_.ca_file = SelfSignedCertPath();  // trusted as a private CA: the same fetch works
  FetchResult trusted = FetchOne(request);
  EXPECT_TRUE(trusted.ok()) << trusted.message;
  EXPECT_EQ(trusted.etag, "\"v1\"");
}

TEST_F(HttpFetcherTest, FetchOnceGivesFailuresAsStatusNamingTheUrl) {
  FetcherOptions options;
  options.obey_robots = false;  // one fetch asked for by a person, not a crawl
  auto request = [&](std::string url) {
    FetchRequest r;
    r.url = std::move(url);
    r.timeout = std::chrono::milliseconds(5000);
    r.allow_private_network = true;  // as LoadInput sets it for a URL typed on loopback
    return r;
  };
  Result<FetchResult> feed = FetchOnce(request(server_->Url("/feed")), options);
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_TRUE(feed->ok());
  Result<FetchResult> missing = FetchOnce(request(server_->Url("/status/404")), options);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("/status/404"), std::string::npos);
  RefusingPort refusing;
  Result<FetchResult> refused =
      FetchOnce(request("http://127.0.0.1:" + std::to_string(refusing.port()) + "/"), options);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("connection refused"), std::string::npos);
  Result<FetchResult> bounced = FetchOnce(
      request(server_->Url("/redirect?to=" + server_->Url("/feed", "127.0.0.2"))), options);
  ASSERT_FALSE(bounced.ok());
  EXPECT_NE(bounced.status().message().find("127.0.0.2 (loopback address)"), std::string::npos);
  EXPECT_EQ(Hits("/robots.txt"), 0);
}

}  // namespace
}  // namespace gpalert
