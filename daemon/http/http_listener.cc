#include "daemon/http/http_listener.h"

#include <fmt/format.h>

#include <boost/asio/ip/tcp.hpp>
#include <memory>

#include "daemon/http/http_connection.h"

namespace gpalert {
namespace asio = boost::asio;
using asio::ip::tcp;

HttpListener::HttpListener(asio::io_context& io, HttpRequestHandler* handler, HttpLimits limits,
                           Logger* logger)
    : io_(io), acceptor_(io), retry_(io), handler_(handler), limits_(limits), logger_(logger) {}

Status HttpListener::Listen(const std::string& host_port) {
  std::size_t colon = host_port.rfind(':');
  if (colon == std::string::npos)
    return Status::InvalidArgument(fmt::format("http_listen \"{}\": use HOST:PORT", host_port));
  std::string host = host_port.substr(0, colon);
  std::string port = host_port.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  auto fail = [&](const boost::system::error_code& ec, const char* what) {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    return Status::Network(fmt::format(
        "http_listen {}: cannot {}: {} (change [daemon] http_listen or stop what uses the port)",
        host_port, what, ec.message()));
  };
  boost::system::error_code ec;
  tcp::resolver resolver(io_);
  auto endpoints = resolver.resolve(host, port, tcp::resolver::numeric_service, ec);
  if (ec || endpoints.empty()) return fail(ec, "resolve the address");
  tcp::endpoint endpoint = endpoints.begin()->endpoint();
  if (acceptor_.open(endpoint.protocol(), ec)) return fail(ec, "open a socket");
  if (acceptor_.set_option(tcp::acceptor::reuse_address(true), ec))
    return fail(ec, "set SO_REUSEADDR");
  if (acceptor_.bind(endpoint, ec)) return fail(ec, "bind");
  if (acceptor_.listen(asio::socket_base::max_listen_connections, ec)) return fail(ec, "listen");
  port_ = acceptor_.local_endpoint(ec).port();
  logger_->Info("http: listening on {}:{} (/healthz, /metrics, /unsubscribe)",
                endpoint.address().to_string(), port_);
  Accept();
  return Status::Ok();
}

void HttpListener::Stop() {
  if (stopped_) return;
  stopped_ = true;
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  retry_.cancel();
  connections_.StopAll();
}

bool HttpListener::MakeRoomFor(const HttpConnection& incoming) {
  const std::string& client = incoming.client();
  bool client_full = connections_.CountFrom(client) >= limits_.max_connections_per_client;
  bool all_full = connections_.size() >= limits_.max_connections;
  if (!client_full && !all_full) return true;
  std::shared_ptr<HttpConnection> evict =
      connections_.OldestWaiting(client_full ? &client : nullptr);
  if (!evict) {
    logger_->Warn("http: {} connections open{}, all being answered; refusing {}",
                  connections_.size(), client_full ? " from " + client : "", client);
    return false;
  }
  logger_->Warn("http: {} connections open{}; closing the oldest that has sent no request",
                connections_.size(), client_full ? " from " + client : "");
  connections_.Stop(evict);
  return true;
}

void HttpListener::Accept() {
  acceptor_.async_accept([this](const boost::system::error_code& ec, tcp::socket socket) {
    if (stopped_ || !acceptor_.is_open()) return;
    if (ec == asio::error::operation_aborted) return;
    if (ec) {
      // EMFILE, ENOBUFS, ECONNABORTED...: transient; retry shortly instead of spinning.
      logger_->Warn("http: accept failed: {}; retrying", ec.message());
      retry_.expires_after(std::chrono::milliseconds(100));
      retry_.async_wait([this](const boost::system::error_code& wait_ec) {
        if (!wait_ec && !stopped_) Accept();
      });
      return;
    }
    auto connection = std::make_shared<HttpConnection>(std::move(socket), &connections_, handler_,
                                                       limits_, logger_);
    if (MakeRoomFor(*connection)) {
      connections_.Start(std::move(connection));
    } else {
      connection->Stop();
    }
    Accept();
  });
}

}  // namespace gpalert
