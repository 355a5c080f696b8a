// HttpEndpoint: the daemon's optional HTTP endpoint (daemon.http_listen) put together:
// its own store connection, the routes (DaemonEndpoints) and the acceptor (HttpListener)
// on the daemon's io_context. Built by `gpalert run` before io_context::run(); Stop()
// on the network thread when the service has finished; destroy before the Service.
#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>

#include "common/logger.h"
#include "common/status.h"
#include "daemon/config/config.h"
#include "daemon/http/daemon_endpoints.h"
#include "daemon/http/http_listener.h"

namespace gpalert {

class Service;

class HttpEndpoint {
 public:
  // Listens on config.daemon.http_listen (which must be set). config.mail.unsubscribe_secret
  // must be filled (daemon/unsubscribe_secret.h). `service` and `logger` must outlive this.
  static Result<std::unique_ptr<HttpEndpoint>> Start(boost::asio::io_context& io,
                                                     const Config& config, Service* service,
                                                     Logger* logger);
  HttpEndpoint(const HttpEndpoint&) = delete;
  HttpEndpoint& operator=(const HttpEndpoint&) = delete;

  std::uint16_t port() const { return listener_.port(); }
  // A reloaded configuration (its sources count in /metrics). Any thread.
  void Reload(const Config& config);
  // Stops accepting and closes every connection. Network thread.
  void Stop() { listener_.Stop(); }

 private:
  HttpEndpoint(boost::asio::io_context& io, std::unique_ptr<DaemonEndpoints> endpoints,
               Logger* logger);

  std::unique_ptr<DaemonEndpoints> endpoints_;  // outlives listener_ (destroyed after it)
  HttpListener listener_;
};

}  // namespace gpalert
