// HandleManage: the manage page behind every digest's "Change your settings" link
// `<public_url>/manage?email=…&expires=…&token=…` (a kManage token, alerts/signed_token.h).
//   GET  → the reader's schedule, series and keywords as a form (changes nothing);
//   POST → action=save changes them, action=pause pauses digests for 2 weeks,
//          action=resume ends a pause, action=unsubscribe unsubscribes (as one-click).
// A config-origin subscriber sees the settings read-only ("managed by your
// administrator") and may only unsubscribe. A forged token gets 403, an expired one 410. Store
// thread only (the endpoint's connection).
#pragma once

#include "common/logger.h"
#include "common/time_format.h"
#include "daemon/config/config.h"
#include "daemon/http/http_request.h"
#include "daemon/http/http_response.h"
#include "store/store.h"

namespace gpalert {

inline constexpr std::chrono::seconds kPauseFor{14 * 86400};

HttpResponse HandleManage(const HttpRequest& request, const Config& config, std::string_view secret,
                          Store* store, Instant now, Logger* logger);

}  // namespace gpalert
