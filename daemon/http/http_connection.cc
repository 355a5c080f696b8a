#include "daemon/http/http_connection.h"

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include "daemon/http/http_connection_manager.h"
#include "daemon/http/http_request_parser.h"

namespace gpalert {
namespace asio = boost::asio;

HttpConnection::HttpConnection(asio::ip::tcp::socket socket, HttpConnectionManager* manager,
                               HttpRequestHandler* handler, const HttpLimits& limits,
                               Logger* logger)
    : socket_(std::move(socket)),
      executor_(socket_.get_executor()),
      timer_(executor_),
      manager_(manager),
      handler_(handler),
      limits_(limits),
      logger_(logger),
      deadline_(limits, ConnectionDeadline::Clock::now()) {
  boost::system::error_code ec;
  auto remote = socket_.remote_endpoint(ec);
  if (!ec) client_ = remote.address().to_string();
}

void HttpConnection::Start() {
  ArmTimer();
  Read();
}

void HttpConnection::Stop() {
  if (stopped_) return;
  stopped_ = true;
  timer_.cancel();
  boost::system::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

void HttpConnection::Close() { manager_->Stop(shared_from_this()); }

void HttpConnection::ArmTimer() {
  timer_.expires_at(deadline_.Expiry());
  timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (ec || self->stopped_) return;  // re-armed or stopped
    if (!self->deadline_.Expired(ConnectionDeadline::Clock::now())) {
      self->ArmTimer();  // the deadline moved on (bytes arrived) since this wait began
      return;
    }
    self->logger_->Debug("http: closing a connection: {}", self->deadline_.Reason());
    self->Close();
  });
}

void HttpConnection::Read() {
  socket_.async_read_some(asio::buffer(chunk_),
                          [self = shared_from_this()](const boost::system::error_code& ec,
                                                      std::size_t n) { self->OnRead(ec, n); });
}

void HttpConnection::OnRead(const boost::system::error_code& ec, std::size_t n) {
  if (stopped_) return;
  if (ec) {  // the client went away (or reset) before a whole request
    Close();
    return;
  }
  deadline_.OnBytes(ConnectionDeadline::Clock::now());
  received_.append(chunk_.data(), n);
  HttpRequest request;
  HttpParseResult parsed = ParseHttpRequest(received_, limits_, &request);
  if (parsed.failed()) {
    logger_->Debug("http: refused a request ({}): {}", parsed.error_status, parsed.error);
    Write(HttpResponse::Text(parsed.error_status, parsed.error));
    return;
  }
  if (!parsed.complete()) {
    Read();  // the timer, re-armed lazily, bounds the wait
    return;
  }
  Dispatch(std::move(request));
}

void HttpConnection::Dispatch(HttpRequest request) {
  dispatched_ = true;
  request.client_address = client_;
  deadline_.OnResponding(ConnectionDeadline::Clock::now());
  timer_.cancel();  // the handler's time does not count against the client
  handler_->Handle(std::move(request), [self = shared_from_this()](HttpResponse response) {
    asio::post(self->executor_, [self, response = std::move(response)] {
      if (self->stopped_) return;
      self->deadline_.OnResponding(ConnectionDeadline::Clock::now());
      self->Write(response);
    });
  });
}

void HttpConnection::Write(const HttpResponse& response) {
  deadline_.OnResponding(ConnectionDeadline::Clock::now());
  ArmTimer();
  out_ = response.Serialize();
  asio::async_write(socket_, asio::buffer(out_),
                    [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                      if (self->stopped_) return;
                      if (ec) {
                        self->Close();
                        return;
                      }
                      self->Linger();
                    });
}

// One request per connection: after the response, half-close and discard what the
// client still sends until it closes too (bounded by the write deadline and kLingerBytes).
// Closing at once with unread bytes pending would reset the connection, and the client
// could lose the response (e.g. a 413 sent before it finished sending the body).
void HttpConnection::Linger() {
  boost::system::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  socket_.async_read_some(
      asio::buffer(chunk_),
      [self = shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
        if (self->stopped_) return;
        self->discarded_ += n;
        if (ec || self->discarded_ > kLingerBytes) {
          self->Close();
          return;
        }
        self->Linger();
      });
}

}  // namespace gpalert
