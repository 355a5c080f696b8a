#include "daemon/http/http_endpoint.h"

#include "common/url.h"
#include "daemon/service.h"
#include "daemon/state_store.h"

namespace gpalert {
namespace {

std::vector<std::string> SourceNames(const Config& config) {
  std::vector<std::string> names;
  for (const SourceConfig& s : config.sources) names.push_back(s.name);
  return names;
}

}  // namespace

HttpEndpoint::HttpEndpoint(boost::asio::io_context& io, std::unique_ptr<DaemonEndpoints> endpoints,
                           Logger* logger)
    : endpoints_(std::move(endpoints)), listener_(io, endpoints_.get(), HttpLimits{}, logger) {}

Result<std::unique_ptr<HttpEndpoint>> HttpEndpoint::Start(boost::asio::io_context& io,
                                                          const Config& config, Service* service,
                                                          Logger* logger) {
  if (!config.daemon.http_listen)
    return Status::Internal("HttpEndpoint::Start without http_listen");
  if (config.mail.unsubscribe_secret.empty())
    return Status::Internal("HttpEndpoint::Start without the unsubscribe secret");
  auto store = OpenStateStore(config, /*create=*/true);
  if (!store.ok()) return store.status();

  EndpointOptions options;
  options.unsubscribe_secret = config.mail.unsubscribe_secret;
  if (config.mail.unsubscribe_url) {
    std::string path = SplitUrl(*config.mail.unsubscribe_url).path;
    if (!path.empty()) options.unsubscribe_path = path;
  }
  options.source_names = SourceNames(config);
  options.config = std::make_shared<const Config>(config);
  options.mail_soon = [service] { service->SendMailSoon(); };
  auto stats = [service](std::function<void(const RunCounters&)> reply) {
    service->ReadStats([reply = std::move(reply)](const RunStats& s) {
      reply(RunCounters{s.polls, s.failed_polls, s.digests, s.sent});
    });
  };
  auto endpoints = std::make_unique<DaemonEndpoints>(std::move(store).value(), std::move(options),
                                                     std::move(stats), logger);
  std::unique_ptr<HttpEndpoint> server(new HttpEndpoint(io, std::move(endpoints), logger));
  if (Status s = server->listener_.Listen(*config.daemon.http_listen); !s.ok()) return s;
  return server;
}

void HttpEndpoint::Reload(const Config& config) {
  endpoints_->SetSources(SourceNames(config));
  endpoints_->SetConfig(std::make_shared<const Config>(config));
}

}  // namespace gpalert
