#include "daemon/config/config_signup.h"

#include <fmt/format.h>

#include "common/strings.h"
#include "common/url.h"
#include "daemon/config/subscriber_fields.h"

namespace gpalert {

Status ReadSignupTable(ConfigTableReader& r, SignupOptions* s, std::string* enabled_at) {
  r.CheckKeys({"enabled", "confirm_within", "per_client_per_minute"});
  r.Bool("enabled", &s->enabled);
  r.Duration("confirm_within", &s->confirm_within);
  r.Int("per_client_per_minute", &s->per_client_per_minute, 1, 1000);
  if (r.ok() && s->enabled) *enabled_at = r.LocationOf("enabled");
  return r.status();
}

void ReadPublicUrl(ConfigTableReader& r, MailOptions* m) {
  r.OptionalString("public_url", &m->public_url);
  if (!r.ok() || !m->public_url) return;
  std::string url = *m->public_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (!IsHttpUrl(url) || url.size() > 400 || url.find_first_of(" <>\"?#") != std::string::npos ||
      HasControlChar(url)) {
    r.FailAt(*r.Find("public_url"),
             fmt::format("\"public_url\" \"{}\" must be an http:// or https:// URL without "
                         "query or fragment (the public base of the links gpalert mails, e.g. "
                         "\"https://alerts.example.org\")",
                         *m->public_url));
    return;
  }
  m->public_url = url;
  if (!m->unsubscribe_url) m->unsubscribe_url = url + "/unsubscribe";
}

Status CheckSignup(const Config& config, const std::string& enabled_at) {
  if (!config.signup.enabled) return Status::Ok();
  if (!config.daemon.http_listen) {
    return Status::InvalidArgument(fmt::format(
        "{}: [signup] enabled needs [daemon] http_listen (the daemon serves the form there)",
        enabled_at));
  }
  if (!config.mail.public_url) {
    return Status::InvalidArgument(fmt::format(
        "{}: [signup] enabled needs [mail] public_url (the base of the confirmation links, "
        "e.g. \"https://alerts.example.org\")",
        enabled_at));
  }
  return Status::Ok();
}

}  // namespace gpalert
