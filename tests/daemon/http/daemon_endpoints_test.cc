// DaemonEndpoints with a real SQLite store: /healthz, /metrics, and the one-click
// unsubscribe flow (GET shows a form and changes nothing; POST One-Click suppresses;
// forged or missing tokens are refused).
#include "daemon/http/daemon_endpoints.h"

#include <gtest/gtest.h>

#include <future>

#include "alerts/unsubscribe_token.h"
#include "daemon/http/http_request_parser.h"
#include "store/sql_store.h"
#include "store/sqlite_connection.h"
#include "tests/support/scoped_temp_dir.h"

namespace gpalert {
namespace {

constexpr const char* kSecret = "0123456789abcdef0123456789abcdef";

class DaemonEndpointsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    check = std::move(SqlStore::Open(dir.File("gpalert.db")).value());
    EndpointOptions options;
    options.unsubscribe_secret = kSecret;
    options.unsubscribe_path = "/gp/unsubscribe";
    options.source_names = {"A", "B"};
    options.process_start = Instant(std::chrono::seconds(1700000000));
    auto store = SqlStore::Open(dir.File("gpalert.db"));
    ASSERT_TRUE(store.ok());
    endpoints = std::make_unique<DaemonEndpoints>(
        std::move(store).value(), options,
        [](std::function<void(const RunCounters&)> reply) {
          reply(RunCounters{7, 2, 3, 4});
        },
        &Logger::Null());
  }

  HttpResponse Send(const std::string& raw) {
    HttpRequest req;
    HttpParseResult parsed = ParseHttpRequest(raw, HttpLimits{}, &req);
    EXPECT_TRUE(parsed.complete()) << parsed.error;
    std::promise<HttpResponse> done;
    endpoints->Handle(req, [&](HttpResponse r) { done.set_value(std::move(r)); });
    auto future = done.get_future();
    EXPECT_EQ(future.wait_for(std::chrono::seconds(10)), std::future_status::ready);
    return future.get();
  }

  std::string Link(const std::string& email, const std::string& token) {
    return "/unsubscribe?email=" + email + "&token=" + token;
  }

  bool Suppressed(const std::string& email) { return check->IsSuppressed(email).value(); }

  testing::ScopedTempDir dir;
  std::unique_ptr<SqlStore> check;  // the test's own connection
  std::unique_ptr<DaemonEndpoints> endpoints;
};

TEST_F(DaemonEndpointsTest, HealthzSaysOk) {
  HttpResponse r = Send("GET /healthz HTTP/1.1\r\n\r\n");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ok\n");
}

TEST_F(DaemonEndpointsTest, HealthzAndMetricsAre503WhenTheStoreCannotBeRead) {
  auto db = SqliteConnection::Open(dir.File("gpalert.db"), /*create=*/false,
                                   std::chrono::milliseconds(5000));
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Exec("DROP TABLE sources").ok());
  HttpResponse health = Send("GET /healthz HTTP/1.1\r\n\r\n");
  EXPECT_EQ(health.status, 503);
  EXPECT_NE(health.body.find("store unreadable"), std::string::npos) << health.body;
  EXPECT_EQ(Send("GET /metrics HTTP/1.1\r\n\r\n").status, 503);
}

TEST_F(DaemonEndpointsTest, MetricsCountSourcesArticlesOutboxAndRunCounters) {
  SourceState failing;
  failing.name = "B";
  failing.consecutive_failures = 2;
  ASSERT_TRUE(check->PutSource(failing).ok());
  SourceState removed;  // in the store but no longer configured: not counted
  removed.name = "Gone";
  removed.consecutive_failures = 1;
  ASSERT_TRUE(check->PutSource(removed).ok());
  NewArticle a;
  a.source = "A";
  a.url = a.canonical_url = "http://example.org/1";
  a.title = "One";
  ASSERT_TRUE(check->RecordArticle(a, NowSeconds()).ok());
  ASSERT_TRUE(check->AddSuppression("x@example.org", "test", NowSeconds()).ok());
  // A daemon polling "A" now (a live lease), and one whose lease ran out on "C".
  Instant now = NowSeconds();
  ASSERT_TRUE(*check->ClaimSource("A", "http://example.org/a", "d0/12", now,
                                  now + std::chrono::minutes(2), std::nullopt));
  ASSERT_TRUE(*check->ClaimSource("C", "http://example.org/c", "d1/7", now - std::chrono::hours(1),
                                  now - std::chrono::minutes(58), std::nullopt));

  HttpResponse r = Send("GET /metrics HTTP/1.1\r\n\r\n");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, kMetricsContentType);
  for (const char* line :
       {"gpalert_sources 2\n", "gpalert_sources_failing 1\n", "gpalert_articles 1\n",
        "gpalert_outbox_messages{state=\"pending\"} 0\n", "gpalert_suppressed_addresses 1\n",
        "gpalert_polls_total 7\n", "gpalert_polls_failed_total 2\n",
        "gpalert_digests_queued_total 3\n", "gpalert_messages_sent_total 4\n",
        "process_start_time_seconds 1700000000\n", "# TYPE gpalert_polls_total counter\n",
        "gpalert_source_leases{daemon=\"d0/12\"} 1\n", "# TYPE gpalert_host_slots_held gauge\n"})
    EXPECT_NE(r.body.find(line), std::string::npos) << line << " missing from:\n" << r.body;
  EXPECT_EQ(r.body.find("d1/7"), std::string::npos) << "an expired lease is nobody's";
}

TEST(RenderMetricsTest, SaysWhichDaemonHoldsWhatWithItsNameEscaped) {
  MetricsSnapshot m;
  m.leases_by_daemon = {{"d0/12", 3}, {"odd\"name\\/1", 1}};
  m.host_slots_by_daemon = {{"d0/12", 2}};
  std::string out = RenderMetrics(m);
  for (const char* line : {"gpalert_source_leases{daemon=\"d0/12\"} 3\n",
                           "gpalert_source_leases{daemon=\"odd\\\"name\\\\/1\"} 1\n",
                           "gpalert_host_slots_held{daemon=\"d0/12\"} 2\n"})
    EXPECT_NE(out.find(line), std::string::npos) << line << " missing from:\n" << out;
}

TEST_F(DaemonEndpointsTest, UnknownPathsAndMethodsAreRefused) {
  EXPECT_EQ(Send("GET /nope HTTP/1.1\r\n\r\n").status, 404);
  HttpResponse r = Send("POST /healthz HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(Send("DELETE " + Link("a%40b.org", "x") + " HTTP/1.1\r\n\r\n").status, 405);
}

TEST_F(DaemonEndpointsTest, GetShowsAConfirmationFormAndUnsubscribesNobody) {
  std::string token = UnsubscribeToken(kSecret, "reader+gp@example.org");
  HttpResponse r = Send("GET " + Link("reader%2Bgp%40example.org", token) + " HTTP/1.1\r\n\r\n");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("<form method=\"post\""), std::string::npos);
  EXPECT_NE(r.body.find("name=\"List-Unsubscribe\" value=\"One-Click\""), std::string::npos);
  EXPECT_NE(r.body.find("reader+gp@example.org"), std::string::npos);
  EXPECT_NE(r.body.find("token=" + token), std::string::npos);
  EXPECT_FALSE(Suppressed("reader+gp@example.org"));
}

TEST_F(DaemonEndpointsTest, OneClickPostUnsubscribesAndIsIdempotent) {
  std::string token = UnsubscribeToken(kSecret, "Reader@Example.org");
  std::string post = "POST " + Link("Reader%40Example.org", token) +
                     " HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                     "Content-Length: 26\r\n\r\nList-Unsubscribe=One-Click";
  EXPECT_EQ(Send(post).status, 200);
  EXPECT_TRUE(Suppressed("reader@example.org"));
  EXPECT_EQ(Send(post).status, 200);
  HttpResponse page = Send("GET " + Link("Reader%40Example.org", token) + " HTTP/1.1\r\n\r\n");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("<form"), std::string::npos) << "already unsubscribed: no form";
}

TEST_F(DaemonEndpointsTest, AcceptsAMultipartOneClickPostOnTheConfiguredPath) {
  std::string token = UnsubscribeToken(kSecret, "m@example.org");
  std::string body =
      "--XX\r\nContent-Disposition: form-data; "
      "name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--XX--\r\n";
  HttpResponse r =
      Send("POST /gp/unsubscribe?email=m%40example.org&token=" + token +
           " HTTP/1.1\r\nContent-Type: multipart/form-data; boundary=XX\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(Suppressed("m@example.org"));
}

TEST_F(DaemonEndpointsTest, ForgedTokensGet403AndChangeNothing) {
  std::string other = UnsubscribeToken(kSecret, "other@example.org");
  std::string unkeyed = UnsubscribeToken("", "victim@example.org");
  for (const std::string& token : {other, unkeyed, std::string(32, '0'), std::string("short")}) {
    std::string target = Link("victim%40example.org", token);
    HttpResponse get = Send("GET " + target + " HTTP/1.1\r\n\r\n");
    EXPECT_EQ(get.status, 403) << token;
    EXPECT_EQ(get.content_type, "text/plain; charset=utf-8");
    HttpResponse post = Send("POST " + target +
                             " HTTP/1.1\r\nContent-Length: 26\r\n\r\nList-Unsubscribe=One-Click");
    EXPECT_EQ(post.status, 403) << token;
  }
  EXPECT_FALSE(Suppressed("victim@example.org"));
}

TEST_F(DaemonEndpointsTest, APostWithoutTheOneClickFieldUnsubscribesNobody) {
  std::string token = UnsubscribeToken(kSecret, "v@example.org");
  for (std::string body : {"", "List-Unsubscribe=Yes", "other=One-Click"}) {
    HttpResponse r =
        Send("POST " + Link("v%40example.org", token) +
             " HTTP/1.1\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
    EXPECT_EQ(r.status, 400) << body;
  }
  EXPECT_FALSE(Suppressed("v@example.org"));
}

TEST_F(DaemonEndpointsTest, AnIncompleteLinkGets400) {
  EXPECT_EQ(Send("GET /unsubscribe HTTP/1.1\r\n\r\n").status, 400);
  EXPECT_EQ(Send("GET /unsubscribe?email=a%40b.org HTTP/1.1\r\n\r\n").status, 400);
  EXPECT_EQ(Send("GET /unsubscribe?token=abc HTTP/1.1\r\n\r\n").status, 400);
}

TEST_F(DaemonEndpointsTest, EscapesTheAddressInThePage) {
  std::string email = "<script>@example.org";
  std::string token = UnsubscribeToken(kSecret, email);
  HttpResponse r = Send("GET " + Link("%3Cscript%3E%40example.org", token) + " HTTP/1.1\r\n\r\n");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.find("<script>"), std::string::npos);
  EXPECT_NE(r.body.find("&lt;script&gt;@example.org"), std::string::npos);
}

}  // namespace
}  // namespace gpalert
