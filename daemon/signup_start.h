// The start of a double opt-in sign-up, shared by the daemon's sign-up form
// (daemon/http/signup_endpoint.h) and the "subscribe" mails the inbox reader takes
// (daemon/inbox_pass.h): a pending row and a confirmation mail whose link carries the
// settings asked for, signed, so that they replace a returning reader's stored ones only
// when the link's Confirm button is pressed. The caller's thread, on its store connection.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "common/logger.h"
#include "common/time_format.h"
#include "daemon/config/config.h"
#include "store/store.h"

namespace gpalert {

// At most one confirmation mail per address in this long.
inline constexpr std::chrono::seconds kConfirmationEvery{3600};

// The sign-up of `email` with `settings` once a request passed its checks: nothing for a
// config address or one that is active, bouncing or suppressed, or that got a
// confirmation less than an hour ago; else a pending self-origin row (a new row holds
// `settings`; an existing pending or unsubscribed row keeps its own until confirmed) and
// a confirmation mail queued (*queued) whose link carries `settings`. [signup] must be
// enabled (public_url set). Errors are the store's.
Status StartSignUp(const Config& config, std::string_view secret, Store* store, Logger* logger,
                   const std::string& email, const SubscriberSettings& settings, Instant now,
                   bool* queued);

// The settings as the sign-up form's fields spell them, URL-encoded in a fixed order
// ("digest=daily&at=07%3A00&weekday=monday&timezone=UTC&source=a&tag=b&keywords=x%2Cy"):
// the confirmation link's copy, which daemon/http/settings_form.h reads back.
std::string SettingsQuery(const SubscriberSettings& settings);

// The keywords as SettingsQuery carries them: joined with "," (no keyword holds one:
// daemon/config/subscriber_fields.h).
std::string KeywordsField(const std::vector<std::string>& keywords);

// What a confirmation token signs (alerts/signed_token.h, TokenPurpose::kConfirm): the
// address and the SHA-256 of SettingsQuery(settings), so that no settings but the ones
// asked for can be confirmed with it.
std::string ConfirmationSubject(std::string_view email, const SubscriberSettings& settings);

}  // namespace gpalert
