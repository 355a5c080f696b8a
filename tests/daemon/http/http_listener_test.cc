// HttpListener on a real loopback socket: a request reaches the handler and the
// connection closes after the response; hostile clients (oversized head, silence,
// trickling bytes, too many connections) are answered or dropped within the limits.
#include "daemon/http/http_listener.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace gpalert {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

class EchoHandler : public HttpRequestHandler {
 public:
  void Handle(HttpRequest request, Reply reply) override {
    ++calls;
    HttpResponse response =
        HttpResponse::Text(200, request.method + " " + request.path + " " + request.body);
    std::lock_guard<std::mutex> lock(mu);
    if (hold) {
      held.emplace_back(std::move(reply), std::move(response));
      return;
    }
    reply(std::move(response));
  }
  // Answers the held requests (with `hold` set, Handle keeps them).
  void Release() {
    std::lock_guard<std::mutex> lock(mu);
    hold = false;
    for (auto& [reply, response] : held) reply(std::move(response));
    held.clear();
  }
  std::atomic<int> calls{0};
  std::mutex mu;
  bool hold = false;  // guarded by mu once the listener runs
  std::vector<std::pair<Reply, HttpResponse>> held;
};

// A blocking loopback client with every wait bounded.
class Client {
 public:
  explicit Client(int port) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~Client() { close(fd_); }
  bool connected() const { return connected_; }
  bool Send(const std::string& bytes) {
    return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
           static_cast<ssize_t>(bytes.size());
  }
  // Everything until the server closes, or nullopt after `limit`.
  std::optional<std::string> ReadUntilClosed(milliseconds limit = milliseconds(5000)) {
    std::string out;
    auto deadline = Clock::now() + limit;
    while (Clock::now() < deadline) {
      pollfd p{fd_, POLLIN, 0};
      int left = static_cast<int>(
          std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count());
      if (poll(&p, 1, std::max(left, 1)) <= 0) continue;
      char buf[4096];
      ssize_t n = recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return out;  // closed (or reset)
      out.append(buf, static_cast<size_t>(n));
    }
    return std::nullopt;
  }

 private:
  int fd_;
  bool connected_ = false;
};

class HttpListenerTest : public ::testing::Test {
 protected:
  void Start(HttpLimits limits) {
    listener = std::make_unique<HttpListener>(io, &handler, limits, &Logger::Null());
    Status s = listener->Listen("127.0.0.1:0");
    ASSERT_TRUE(s.ok()) << s.message();
    thread = std::thread([this] { io.run(); });
  }
  void TearDown() override {
    if (listener) boost::asio::post(io, [this] { listener->Stop(); });
    if (thread.joinable()) thread.join();  // run() returns once the listener is stopped
  }
  int port() const { return listener->port(); }

  boost::asio::io_context io;
  EchoHandler handler;
  std::unique_ptr<HttpListener> listener;
  std::thread thread;
};

TEST_F(HttpListenerTest, AnswersARequestAndClosesTheConnection) {
  Start(HttpLimits{});
  Client c(port());
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.Send("POST /x HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"));
  auto reply = c.ReadUntilClosed();
  ASSERT_TRUE(reply) << "no close within 5 s";
  EXPECT_EQ(reply->rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << *reply;
  EXPECT_NE(reply->find("Connection: close\r\n"), std::string::npos);
  EXPECT_NE(reply->find("\r\n\r\nPOST /x hello\n"), std::string::npos) << *reply;
}

TEST_F(HttpListenerTest, AnswersAnOversizedHeadWith431WithoutCallingTheHandler) {
  Start(HttpLimits{});
  Client c(port());
  ASSERT_TRUE(c.Send("GET / HTTP/1.1\r\n"));
  c.Send("X-Junk: " + std::string(32 * 1024, 'a') + "\r\n");  // may fail once the server closes
  auto reply = c.ReadUntilClosed();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->rfind("HTTP/1.1 431 ", 0), 0u) << reply->substr(0, 200);
  EXPECT_EQ(handler.calls.load(), 0);
}

TEST_F(HttpListenerTest, AnswersABareLfRequestWith400) {
  Start(HttpLimits{});
  Client c(port());
  ASSERT_TRUE(c.Send("GET / HTTP/1.1\nHost: x\n\n"));
  auto reply = c.ReadUntilClosed();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->rfind("HTTP/1.1 400 ", 0), 0u) << *reply;
}

TEST_F(HttpListenerTest, DropsASilentConnectionAfterTheIdleTimeout) {
  HttpLimits limits;
  limits.idle_timeout = milliseconds(200);
  Start(limits);
  Client c(port());
  auto started = Clock::now();
  auto reply = c.ReadUntilClosed(milliseconds(5000));
  ASSERT_TRUE(reply) << "a silent client was not dropped";
  EXPECT_EQ(*reply, "");
  EXPECT_GE(Clock::now() - started, milliseconds(150));
}

TEST_F(HttpListenerTest, DropsATricklingClientAtTheRequestTimeout) {
  HttpLimits limits;
  limits.idle_timeout = milliseconds(1000);
  limits.request_timeout = milliseconds(300);
  Start(limits);
  Client c(port());
  std::string request =
      "GET /slow HTTP/1.1\r\nX-Padding: "
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
  bool closed = false;
  auto started = Clock::now();
  for (char ch : request) {
    if (!c.Send(std::string(1, ch))) {
      closed = true;
      break;
    }
    std::this_thread::sleep_for(milliseconds(20));
    if (Clock::now() - started > milliseconds(2000)) break;
  }
  if (!closed) closed = c.ReadUntilClosed(milliseconds(3000)).has_value();
  EXPECT_TRUE(closed);
  EXPECT_EQ(handler.calls.load(), 0) << "the trickled request was served";
}

// Issue 9: 70 trickling connections took all 64 slots and /healthz stopped answering.
// At the limit, a new connection takes the place of the oldest one that has sent no
// request, so a probe gets through whatever the tricklers do.
TEST_F(HttpListenerTest, AtTheLimitANewConnectionReplacesTheOldestWithoutARequest) {
  HttpLimits limits;
  limits.max_connections = 4;
  limits.idle_timeout = milliseconds(20000);
  limits.request_timeout = milliseconds(20000);
  Start(limits);
  std::vector<std::unique_ptr<Client>> tricklers;
  for (int i = 0; i < 10; ++i) {
    tricklers.push_back(std::make_unique<Client>(port()));
    ASSERT_TRUE(tricklers.back()->Send("GET /slow HTTP/1.1\r\nX: "));
    std::this_thread::sleep_for(milliseconds(20));
  }
  Client probe(port());
  ASSERT_TRUE(probe.Send("GET /healthz HTTP/1.1\r\n\r\n"));
  auto served = probe.ReadUntilClosed();
  ASSERT_TRUE(served) << "the probe was not answered";
  EXPECT_EQ(served->rfind("HTTP/1.1 200 ", 0), 0u) << *served;
  // The first tricklers were closed to make room.
  auto first = tricklers.front()->ReadUntilClosed(milliseconds(3000));
  ASSERT_TRUE(first) << "the oldest trickler is still open";
  EXPECT_EQ(*first, "");
}

TEST_F(HttpListenerTest, OneClientGetsAtMostItsShareOfConnections) {
  HttpLimits limits;
  limits.max_connections_per_client = 2;
  limits.idle_timeout = milliseconds(20000);
  Start(limits);
  Client a(port()), b(port());
  std::this_thread::sleep_for(milliseconds(100));
  Client c(port());  // the same address: replaces `a`, the oldest without a request
  auto closed = a.ReadUntilClosed(milliseconds(3000));
  ASSERT_TRUE(closed) << "the client kept more than its share";
  ASSERT_TRUE(c.Send("GET /c HTTP/1.1\r\n\r\n"));
  auto served = c.ReadUntilClosed();
  ASSERT_TRUE(served);
  EXPECT_EQ(served->rfind("HTTP/1.1 200 ", 0), 0u);
}

TEST_F(HttpListenerTest, ClosesANewConnectionWhenEveryOpenOneIsBeingAnswered) {
  HttpLimits limits;
  limits.max_connections = 1;
  Start(limits);
  handler.hold = true;  // requests stay in the handler
  Client a(port());
  ASSERT_TRUE(a.Send("GET /a HTTP/1.1\r\n\r\n"));
  std::this_thread::sleep_for(milliseconds(100));
  Client extra(port());
  auto reply = extra.ReadUntilClosed(milliseconds(3000));
  ASSERT_TRUE(reply) << "the extra connection stayed open";
  EXPECT_EQ(*reply, "");
  handler.Release();
  auto served = a.ReadUntilClosed();
  ASSERT_TRUE(served);
  EXPECT_EQ(served->rfind("HTTP/1.1 200 ", 0), 0u);
}

TEST_F(HttpListenerTest, StopClosesOpenConnectionsAndLetsRunReturn) {
  Start(HttpLimits{});
  Client c(port());
  ASSERT_TRUE(c.Send("GET / HTTP/1.1\r\n"));  // half a request
  std::this_thread::sleep_for(milliseconds(50));
  boost::asio::post(io, [this] { listener->Stop(); });
  auto reply = c.ReadUntilClosed(milliseconds(3000));
  EXPECT_TRUE(reply);
  auto joined = std::async(std::launch::async, [this] { thread.join(); });
  EXPECT_EQ(joined.wait_for(std::chrono::seconds(5)), std::future_status::ready);
}

TEST_F(HttpListenerTest, ReportsAPortInUse) {
  Start(HttpLimits{});
  HttpListener second(io, &handler, HttpLimits{}, &Logger::Null());
  Status s = second.Listen("127.0.0.1:" + std::to_string(port()));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("http_listen"), std::string::npos);
  EXPECT_NE(s.message().find(std::to_string(port())), std::string::npos);
}

}  // namespace
}  // namespace gpalert
