// HandleUnsubscribe: the one-click unsubscribe endpoint (RFC 8058) behind the digests'
// List-Unsubscribe URL `<mail.unsubscribe_url>?email=...&token=...`.
//   GET  → a small page with a confirmation form (GET never unsubscribes: mail scanners
//          and link previews fetch links);
//   POST with the form field List-Unsubscribe=One-Click → Store::AddSuppression → 200.
// A token that does not match (alerts/unsubscribe_token.h) gets 403. Store thread only.
#pragma once

#include <string_view>

#include "common/logger.h"
#include "common/time_format.h"
#include "daemon/http/http_request.h"
#include "daemon/http/http_response.h"
#include "store/store.h"

namespace gpalert {

// The reason recorded with the suppression.
inline constexpr const char* kOneClickReason = "one-click unsubscribe";

// `secret` is the HMAC key of the tokens (must not be empty).
HttpResponse HandleUnsubscribe(const HttpRequest& request, std::string_view secret, Store* store,
                               Instant now, Logger* logger);

}  // namespace gpalert
