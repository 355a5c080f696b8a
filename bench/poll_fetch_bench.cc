// Throughput of HttpFetcher alone: N feed fetches spread over H virtual hosts
// (hN.localhost, which libcurl resolves to 127.0.0.1 itself) against a minimal
// keep-alive HTTP server running in this process on its own thread. Measures what the
// network thread costs per source, without parsing or SQLite (bench/poll-scale runs the
// whole daemon).
#include <benchmark/benchmark.h>

#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <memory>
#include <string>
#include <thread>

#include "fetchers/http_fetcher.h"

namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

// Answers every request on a connection with the same ~12 KB feed until the peer closes.
class FeedServer {
 public:
  FeedServer() : acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    std::string body = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>b</title>";
    for (int i = 0; i < 20; ++i)
      body += "<item><title>Article " + std::to_string(i) + "</title><link>http://example.org/a/" +
              std::to_string(i) + "</link><description>" + std::string(500, 'x') +
              "</description></item>";
    body += "</channel></rss>";
    response_ = "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: " +
                std::to_string(body.size()) + "\r\n\r\n" + body;
    Accept();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~FeedServer() {
    io_.stop();
    thread_.join();
  }
  int port() const { return acceptor_.local_endpoint().port(); }

 private:
  struct Connection : std::enable_shared_from_this<Connection> {
    Connection(tcp::socket s, const std::string& r) : socket(std::move(s)), response(r) {}
    void Read() {
      asio::async_read_until(socket, buffer, "\r\n\r\n",
                             [self = shared_from_this()](boost::system::error_code ec, size_t n) {
                               if (ec) return;
                               self->buffer.consume(n);
                               asio::async_write(self->socket, asio::buffer(self->response),
                                                 [self](boost::system::error_code ec2, size_t) {
                                                   if (!ec2) self->Read();
                                                 });
                             });
    }
    tcp::socket socket;
    const std::string& response;
    asio::streambuf buffer;
  };
  void Accept() {
    acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
      if (!ec) std::make_shared<Connection>(std::move(socket), response_)->Read();
      Accept();
    });
  }
  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::string response_;
  std::thread thread_;
};

void BM_FetchFeeds(benchmark::State& state) {
  static FeedServer server;
  const int sources = static_cast<int>(state.range(0));
  const int hosts = static_cast<int>(state.range(1));
  gpalert::FetcherOptions options;
  options.obey_robots = false;  // the server answers every path with the feed
  options.concurrency = 64;
  options.per_host = 2;
  for (auto _ : state) {
    asio::io_context io;
    gpalert::HttpFetcher fetcher(io, options);
    int ok = 0;
    for (int i = 0; i < sources; ++i) {
      gpalert::FetchRequest request;
      request.url = "http://h" + std::to_string(i % hosts) +
                    ".localhost:" + std::to_string(server.port()) + "/feeds/" + std::to_string(i) +
                    ".xml";
      request.allow_private_network = true;
      fetcher.Fetch(std::move(request), [&ok](gpalert::FetchResult r) { ok += r.ok(); });
    }
    io.run();
    if (ok != sources) state.SkipWithError("some fetches failed");
  }
  state.SetItemsProcessed(state.iterations() * sources);
}
BENCHMARK(BM_FetchFeeds)
    ->Args({1000, 50})
    ->Args({1000, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
