#include "daemon/http/daemon_endpoints.h"

#include <atomic>
#include <boost/asio/post.hpp>
#include <memory>

#include "daemon/http/manage_endpoint.h"
#include "daemon/http/signup_endpoint.h"
#include "daemon/http/unsubscribe_endpoint.h"
#include "daemon/post_guarded.h"

namespace gpalert {
namespace asio = boost::asio;
namespace {

HttpResponse MethodNotAllowed(const char* allow) {
  HttpResponse r = HttpResponse::Text(405, std::string("use ") + allow);
  r.headers.emplace_back("Allow", allow);
  return r;
}

}  // namespace

DaemonEndpoints::DaemonEndpoints(std::unique_ptr<Store> store, EndpointOptions options,
                                 StatsSource stats, Logger* logger)
    : store_(std::move(store)),
      options_(std::move(options)),
      stats_(std::move(stats)),
      logger_(logger) {
  if (options_.config && options_.config->signup.enabled) {
    signup_ =
        std::make_unique<SignupEndpoint>(options_.config, options_.unsubscribe_secret, store_.get(),
                                         logger_, options_.clock, options_.mail_soon);
  }
}

DaemonEndpoints::~DaemonEndpoints() { thread_.join(); }

void DaemonEndpoints::Handle(HttpRequest request, Reply reply) {
  // A route may answer later, from another thread (/metrics asks the service); a route
  // that throws before answering gets a 500.
  auto replied = std::make_shared<std::atomic<bool>>(false);
  Reply once = [replied, reply](HttpResponse response) {
    *replied = true;
    reply(std::move(response));
  };
  PostGuarded(
      thread_, "answering a request",
      [this, request = std::move(request), once] { Route(request, once); },
      [this, replied, reply](const Status& thrown) {
        logger_->Error("http: {}", thrown.message());
        if (!*replied) reply(HttpResponse::Text(500, "internal error\n"));
      });
}

void DaemonEndpoints::SetSources(std::vector<std::string> source_names) {
  asio::post(thread_, [this, names = std::move(source_names)]() mutable {
    options_.source_names = std::move(names);
  });
}

void DaemonEndpoints::SetConfig(std::shared_ptr<const Config> config) {
  asio::post(thread_, [this, config = std::move(config)]() mutable {
    options_.config = config;
    if (!config->signup.enabled) {
      signup_.reset();
    } else if (signup_) {
      signup_->SetConfig(std::move(config));
    } else {
      signup_ = std::make_unique<SignupEndpoint>(std::move(config), options_.unsubscribe_secret,
                                                 store_.get(), logger_, options_.clock,
                                                 options_.mail_soon);
    }
  });
}

void DaemonEndpoints::Route(const HttpRequest& req, const Reply& reply) {
  if (req.path == "/manage" && options_.config && options_.config->mail.public_url) {
    reply(HandleManage(req, *options_.config, options_.unsubscribe_secret, store_.get(),
                       options_.clock(), logger_));
    return;
  }
  if (signup_ && SignupEndpoint::Serves(req.path)) {
    reply(signup_->Handle(req));
    return;
  }
  if (req.path == "/unsubscribe" || req.path == options_.unsubscribe_path) {
    reply(HandleUnsubscribe(req, options_.unsubscribe_secret, store_.get(), options_.clock(),
                            logger_));
    return;
  }
  if (req.path != "/healthz" && req.path != "/metrics") {
    reply(HttpResponse::Text(404, "not found (try /healthz or /metrics)"));
    return;
  }
  if (req.method != "GET") {
    reply(MethodNotAllowed("GET"));
    return;
  }
  if (req.path == "/metrics") {
    Metrics(reply);
    return;
  }
  auto sources = store_->ListSources();
  if (!sources.ok()) {
    reply(HttpResponse::Text(503, "store unreadable: " + sources.status().message()));
    return;
  }
  reply(HttpResponse::Text(200, "ok"));
}

void DaemonEndpoints::Metrics(const Reply& reply) {
  MetricsSnapshot snapshot;
  snapshot.process_start = options_.process_start;
  Status read = ReadStoreMetrics(store_.get(), options_.source_names, options_.clock(), &snapshot);
  if (!read.ok()) {
    logger_->Error("http /metrics: {}", read.message());
    reply(HttpResponse::Text(503, "store unreadable: " + read.message()));
    return;
  }
  stats_([snapshot, reply](const RunCounters& run) mutable {
    snapshot.run = run;
    HttpResponse r = HttpResponse::Text(200, RenderMetrics(snapshot));
    r.content_type = kMetricsContentType;
    reply(std::move(r));
  });
}

}  // namespace gpalert
