// SignupEndpoint: the double opt-in sign-up the daemon serves when [signup] enabled:
//   GET  /subscribe          the form (address, series, schedule, time zone from the browser);
//   POST /subscribe          always the same "check your inbox" page; for a new (or
//                            departed) address a pending subscriber and a confirmation mail
//                            through the outbox, at most one an hour per address;
//   GET  /subscribe/confirm  a page with a Confirm button (changes nothing: mail scanners
//                            fetch links);
//   POST /subscribe/confirm  activates the subscriber, recording the consent.
// Tokens: alerts/signed_token.h (confirm links expire after [signup] confirm_within; the
// form carries one bound to a cookie, against cross-site posts). Client addresses past
// [signup] per_client_per_minute posts get 429. The endpoint's thread only (it owns the
// rate limiter and uses the endpoint's store connection).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "common/logger.h"
#include "common/time_format.h"
#include "daemon/config/config.h"
#include "daemon/http/client_rate_limiter.h"
#include "daemon/http/http_request.h"
#include "daemon/http/http_response.h"
#include "store/store.h"

namespace gpalert {

class SignupEndpoint {
 public:
  // `config` gives the form's sources and tags, [signup], [mail] from and public_url;
  // `mail_soon` asks the service to send the outbox now (any thread may run it).
  SignupEndpoint(std::shared_ptr<const Config> config, std::string secret, Store* store,
                 Logger* logger, std::function<Instant()> clock, std::function<void()> mail_soon);

  // True for the paths it serves.
  static bool Serves(const std::string& path);
  HttpResponse Handle(const HttpRequest& request);
  void SetConfig(std::shared_ptr<const Config> config);

 private:
  HttpResponse Form(const HttpRequest& request, const std::string& error, int status);
  HttpResponse Post(const HttpRequest& request);
  HttpResponse Confirm(const HttpRequest& request);
  // The sign-up itself once the request passed its checks; errors are the store's.
  Status SignUp(const std::string& email, const SubscriberSettings& settings, Instant now);

  std::shared_ptr<const Config> config_;
  std::string secret_;
  Store* store_;
  Logger* logger_;
  std::function<Instant()> clock_;
  std::function<void()> mail_soon_;
  ClientRateLimiter limiter_;
};

// The client's address: the peer's, or, when the peer is a loopback proxy that sent
// X-Forwarded-For, the last address in it (the one the proxy added).
std::string ClientAddress(const HttpRequest& request);

}  // namespace gpalert
