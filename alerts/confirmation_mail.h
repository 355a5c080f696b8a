// The sign-up confirmation mail: a short transactional message (no List-Unsubscribe,
// Auto-Submitted) carrying the link whose page confirms the subscription (double
// opt-in). Pure function; any thread.
#pragma once

#include <string>
#include <string_view>

#include "alerts/mail/mail_options.h"
#include "common/status.h"
#include "store/store.h"

namespace gpalert {

// The message to `email` with `confirm_url`, valid until `expires`. `nonce` (random hex)
// makes its Message-ID unique. InvalidArgument when mail.from or `email` is no address.
Result<OutboxMessage> RenderConfirmationMail(const MailOptions& mail, const std::string& email,
                                             const std::string& confirm_url, Instant expires,
                                             Instant now, std::string_view nonce);

}  // namespace gpalert
