// DaemonEndpoints: the routes of the daemon's HTTP endpoint (daemon.http_listen):
//   GET /healthz      200 "ok", or 503 with the reason when the store cannot be read;
//   GET /metrics      Prometheus text (daemon/http/metrics.h);
//   GET|POST /unsubscribe (and the path of mail.unsubscribe_url):
//   daemon/http/unsubscribe_endpoint.h;
//   GET|POST /subscribe, /subscribe/confirm ([signup] enabled): daemon/http/signup_endpoint.h;
//   GET|POST /manage ([mail] public_url set): daemon/http/manage_endpoint.h.
// Owns its own store connection and the one thread that uses it, so a slow SQLite lock
// never blocks the network thread, and the service's writer is not disturbed (SQLite's
// WAL mode and busy timeout arbitrate the rare write: an unsubscribe).
// Handle() may be called from any thread; replies come from the endpoint's thread (or
// from the service's writer thread for /metrics, via the stats source).
#pragma once

#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/logger.h"
#include "common/time_format.h"
#include "daemon/config/config.h"
#include "daemon/http/http_request_handler.h"
#include "daemon/http/metrics.h"
#include "store/store.h"

namespace gpalert {

class SignupEndpoint;

struct EndpointOptions {
  std::string unsubscribe_secret;                 // HMAC key of the tokens; must not be empty
  std::string unsubscribe_path = "/unsubscribe";  // the path of mail.unsubscribe_url, if set
  std::vector<std::string> source_names;          // configured sources, for /metrics
  Instant process_start = NowSeconds();
  std::function<Instant()> clock = NowSeconds;
  // The whole config, for the sign-up pages ([signup] enabled); nullptr: no sign-up.
  std::shared_ptr<const Config> config;
  // Asks the service to send the outbox now (a confirmation mail was queued).
  std::function<void()> mail_soon;
};

class DaemonEndpoints final : public HttpRequestHandler {
 public:
  // Asks the running service for its counters; calls the reply once, from any thread.
  using StatsSource = std::function<void(std::function<void(const RunCounters&)>)>;

  // `store` is used only on the endpoint's own thread; `logger` must outlive this.
  DaemonEndpoints(std::unique_ptr<Store> store, EndpointOptions options, StatsSource stats,
                  Logger* logger);
  DaemonEndpoints(const DaemonEndpoints&) = delete;
  DaemonEndpoints& operator=(const DaemonEndpoints&) = delete;
  ~DaemonEndpoints() override;  // finishes queued requests, then joins the thread

  void Handle(HttpRequest request, Reply reply) override;
  // A reloaded configuration's sources (for /metrics). Any thread.
  void SetSources(std::vector<std::string> source_names);
  // A reloaded configuration (the sign-up pages' sources and [signup]). Any thread.
  void SetConfig(std::shared_ptr<const Config> config);

 private:
  void Route(const HttpRequest& request, const Reply& reply);  // endpoint thread
  void Metrics(const Reply& reply);

  std::unique_ptr<Store> store_;
  EndpointOptions options_;  // source_names: endpoint thread only
  StatsSource stats_;
  std::unique_ptr<SignupEndpoint> signup_;  // endpoint thread only; set while [signup] enabled
  Logger* logger_;
  boost::asio::thread_pool thread_{1};
};

}  // namespace gpalert
