// HttpListener: the HTTP endpoint's TCP acceptor (daemon.http_listen). Accepts on the
// daemon's io_context, hands each connection to the HttpConnectionManager (closing at
// once those beyond HttpLimits::max_connections) and stops on Stop(). Listen() may be
// called from the thread that owns the io_context before it runs; Stop() on the network
// thread (or before run()); the handler and logger must outlive the io_context's run().
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <string>

#include "common/logger.h"
#include "common/status.h"
#include "daemon/http/http_connection_manager.h"
#include "daemon/http/http_limits.h"
#include "daemon/http/http_request_handler.h"

namespace gpalert {

class HttpListener {
 public:
  HttpListener(boost::asio::io_context& io, HttpRequestHandler* handler, HttpLimits limits,
               Logger* logger);
  HttpListener(const HttpListener&) = delete;
  HttpListener& operator=(const HttpListener&) = delete;

  // Binds `host_port` ("127.0.0.1:8086", "[::1]:0", "localhost:8086"; port 0 = any free
  // port) and starts accepting. Errors name the address and what to do.
  Status Listen(const std::string& host_port);
  // The bound port (after Listen), e.g. when port 0 was asked for.
  std::uint16_t port() const { return port_; }
  // Closes the acceptor and every connection; the io_context's run() no longer waits on it.
  void Stop();

 private:
  void Accept();
  // Applies the connection caps to `incoming` (see HttpLimits); false: refuse it.
  bool MakeRoomFor(const HttpConnection& incoming);

  boost::asio::io_context& io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer retry_;  // after an accept error such as EMFILE
  HttpConnectionManager connections_;
  HttpRequestHandler* handler_;
  HttpLimits limits_;
  Logger* logger_;
  std::uint16_t port_ = 0;
  bool stopped_ = false;
};

}  // namespace gpalert
