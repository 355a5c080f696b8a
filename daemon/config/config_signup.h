// The config's sign-up keys: [signup] and [mail] public_url, read by the config loader
// (daemon/config/config_loader.cc) with located errors. Loading thread only.
#pragma once

#include <string>

#include "alerts/mail/mail_options.h"
#include "daemon/config/config.h"
#include "daemon/config/config_table_reader.h"

namespace gpalert {

// [signup]: enabled, confirm_within, per_client_per_minute. Sets *enabled_at to the
// location of `enabled` when it is true.
Status ReadSignupTable(ConfigTableReader& r, SignupOptions* signup, std::string* enabled_at);

// [mail] public_url: an http(s) URL without query or fragment, trailing slashes dropped;
// sets unsubscribe_url to <public_url>/unsubscribe when that is not given.
void ReadPublicUrl(ConfigTableReader& r, MailOptions* mail);

// Across sections, once every table read: sign-up needs http_listen and public_url.
// `enabled_at` locates the error.
Status CheckSignup(const Config& config, const std::string& enabled_at);

}  // namespace gpalert
