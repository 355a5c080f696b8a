// HttpConnection: one client of the HTTP endpoint. Reads until ParseHttpRequest says
// complete (or refuses), hands the request to the HttpRequestHandler, writes the one
// response and closes. A steady timer enforces ConnectionDeadline. Owned by the
// HttpConnectionManager (shared_ptr, so pending handlers keep it alive); every member
// runs on the network thread except the handler's reply, which posts back to it.
#pragma once

#include <array>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "common/logger.h"
#include "daemon/http/connection_deadline.h"
#include "daemon/http/http_limits.h"
#include "daemon/http/http_request_handler.h"

namespace gpalert {

class HttpConnectionManager;

class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
 public:
  // Bytes read and dropped after the response before the connection is closed anyway.
  static constexpr std::size_t kLingerBytes = 64 * 1024;

  // `manager`, `handler` and `logger` must outlive every handler of the connection.
  HttpConnection(boost::asio::ip::tcp::socket socket, HttpConnectionManager* manager,
                 HttpRequestHandler* handler, const HttpLimits& limits, Logger* logger);
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  void Start();
  // Closes the socket and cancels the timer; pending handlers then finish as aborted.
  void Stop();

  // The client's address ("127.0.0.1"), "" when the socket could not tell.
  const std::string& client() const { return client_; }
  std::chrono::steady_clock::time_point opened() const { return opened_; }
  // True until a whole request has arrived (the connection is still costing, not served).
  bool waiting_for_request() const { return !dispatched_; }

 private:
  void Read();
  void OnRead(const boost::system::error_code& ec, std::size_t n);
  void Dispatch(HttpRequest request);
  void Write(const HttpResponse& response);
  void Linger();
  void ArmTimer();
  void Close();  // asks the manager to drop (and Stop) this connection

  boost::asio::ip::tcp::socket socket_;
  boost::asio::ip::tcp::socket::executor_type executor_;  // a copy: safe to post to from any thread
  boost::asio::steady_timer timer_;
  HttpConnectionManager* manager_;
  HttpRequestHandler* handler_;
  HttpLimits limits_;
  Logger* logger_;
  ConnectionDeadline deadline_;
  std::array<char, 4096> chunk_{};
  std::string received_;
  std::string out_;
  std::size_t discarded_ = 0;
  bool stopped_ = false;
  bool dispatched_ = false;
  std::string client_;
  std::chrono::steady_clock::time_point opened_ = std::chrono::steady_clock::now();
};

}  // namespace gpalert
