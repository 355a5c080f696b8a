#include "daemon/http/manage_endpoint.h"

#include <fmt/format.h>

#include "alerts/schedule.h"
#include "alerts/signed_token.h"
#include "common/html_escape.h"
#include "common/strings.h"
#include "daemon/config/subscriber_fields.h"
#include "daemon/http/html_page.h"
#include "daemon/http/settings_form.h"
#include "daemon/http/unsubscribe_endpoint.h"
#include "daemon/subscriber_roster.h"

namespace gpalert {
namespace {

std::string Esc(std::string_view s) { return EscapeHtml(s, HtmlEscapeMode::kAll); }

HttpResponse Unavailable(Logger* logger, const std::string& email, const Status& s) {
  logger->Error("manage page of {}: {}", email, s.message());
  return MessagePage(503, "Please try again", "<p>Please try again in a few minutes.</p>");
}

// The page: the settings as a form (read-only for config subscribers), then pause and
// unsubscribe.
HttpResponse ManagePage(const Config& config, const std::string& action_url,
                        const SubscriberState* row, const Subscriber& sub, bool config_origin,
                        Instant now, const std::string& notice) {
  SubscriberSettings settings = SettingsFromSubscriber(sub);
  bool left = row && (row->status == SubscriberStatus::kUnsubscribed ||
                      row->status == SubscriberStatus::kSuppressed);
  std::string status_line = left ? "You are unsubscribed: nothing more is sent to you."
                            : row && row->paused_until && *row->paused_until > now
                                ? fmt::format("Paused until {}.", FormatRfc3339(*row->paused_until))
                                : fmt::format("Schedule: {}.", DescribeSchedule(sub));
  std::string html = fmt::format(
      "{}<p>Settings of <b>{}</b>. {}</p>\n",
      notice.empty() ? "" : fmt::format("<p class=\"note\" role=\"status\">{}</p>\n", Esc(notice)),
      Esc(sub.email), Esc(status_line));
  std::string action = Esc(action_url);
  if (config_origin) {
    html += "<p class=\"note\">These settings are managed by your administrator.</p>\n";
    html += SettingsFormHtml(config, settings, /*read_only=*/true);
  } else if (!left) {
    html += fmt::format(
        "<form method=\"post\" action=\"{}\">\n{}<button type=\"submit\" name=\"action\" "
        "value=\"save\">Save</button>\n</form>\n",
        action, SettingsFormHtml(config, settings, /*read_only=*/false));
  }
  if (!left) {
    html += fmt::format("<form method=\"post\" action=\"{}\">\n", action);
    if (!config_origin) {
      bool paused = row && row->paused_until && *row->paused_until > now;
      html += paused ? "<button type=\"submit\" name=\"action\" value=\"resume\" "
                       "class=\"secondary\">Resume now</button>\n"
                     : "<button type=\"submit\" name=\"action\" value=\"pause\" "
                       "class=\"secondary\">Pause for 2 weeks</button>\n";
    }
    html +=
        "<button type=\"submit\" name=\"action\" value=\"unsubscribe\" "
        "class=\"secondary\">Unsubscribe</button>\n</form>\n";
  }
  return MessagePage(200, "Your GP alerts", html);
}

}  // namespace

HttpResponse HandleManage(const HttpRequest& req, const Config& config, std::string_view secret,
                          Store* store, Instant now, Logger* logger) {
  if (req.method != "GET" && req.method != "POST") {
    HttpResponse r = HttpResponse::Text(405, "use GET or POST");
    r.headers.emplace_back("Allow", "GET, POST");
    return r;
  }
  FormFields query = ParseFormFields(req.query);
  std::string email = FormValue(query, "email");
  auto expires = ParseUnixSeconds(FormValue(query, "expires"));
  std::string token = FormValue(query, "token");
  if (email.empty() || !expires || token.empty()) {
    return MessagePage(400, "Incomplete link",
                       "<p>This link is incomplete. Copy the whole link from your digest.</p>");
  }
  TokenCheck check = CheckToken(secret, TokenPurpose::kManage, email, *expires, token, now);
  if (check == TokenCheck::kForged) {
    logger->Warn("manage: refused a token that does not match {}", email);
    return MessagePage(403, "Link not valid",
                       "<p>This link is not valid. Use the link from your latest digest.</p>");
  }
  if (check == TokenCheck::kExpired) {
    return MessagePage(410, "Link expired",
                       "<p>This link has expired. Use the link from your latest digest.</p>");
  }
  SubscriberOrigin origin = SubscriberOrigin::kConfig;
  auto found = FindSubscriber(config, store, email, &origin);
  if (!found.ok()) return Unavailable(logger, email, found.status());
  if (!*found) {
    return MessagePage(410, "Not subscribed", "<p>This address is not on the list.</p>");
  }
  const Subscriber& sub = **found;
  auto row = store->GetSubscriber(email);
  if (!row.ok()) return Unavailable(logger, email, row.status());
  const SubscriberState* state = *row ? &**row : nullptr;
  bool config_origin = origin == SubscriberOrigin::kConfig;
  std::string action_url = "/manage?" + req.query;
  if (req.method == "GET") {
    return ManagePage(config, action_url, state, sub, config_origin, now, "");
  }
  FormFields fields = ParseFormFields(TrimAscii(req.body));
  std::string action = FormValue(fields, "action");
  std::string notice;
  if (action == "unsubscribe") {
    Status s = store->AddSuppression(email, "manage page", now);
    if (!s.ok()) return Unavailable(logger, email, s);
    logger->Info("manage: {} unsubscribed", email);
    auto again = store->GetSubscriber(email);
    if (!again.ok()) return Unavailable(logger, email, again.status());
    SubscriberState left = again.value() ? **again : SubscriberState();
    left.status = SubscriberStatus::kUnsubscribed;
    return ManagePage(config, action_url, &left, sub, config_origin, now,
                      "Unsubscribed: no more digests will be sent to you.");
  }
  if (config_origin || !state) {
    return MessagePage(403, "Managed by your administrator",
                       "<p>These settings are managed by your administrator.</p>");
  }
  if (action == "pause" || action == "resume") {
    std::optional<Instant> until;
    if (action == "pause") until = now + kPauseFor;
    Status s = store->SetPausedUntil(email, until);
    if (!s.ok()) return Unavailable(logger, email, s);
    logger->Info("manage: {} {}", email, until ? "paused for 2 weeks" : "resumed");
    notice = until ? "Paused: articles found in the next 2 weeks will not be sent."
                   : "Resumed: digests go out again.";
  } else if (action == "save") {
    SubscriberSettings settings = state->settings;
    std::string error = ReadSettingsForm(fields, &settings);
    if (error.empty()) {
      Status valid = CheckSubscriberSettings(email, settings, config);
      if (!valid.ok()) error = "That did not work: " + valid.message() + ".";
    }
    if (!error.empty()) {
      HttpResponse r = ManagePage(config, action_url, state, sub, false, now, error);
      r.status = 400;
      return r;
    }
    Status s = store->SetSubscriberSettings(email, settings);
    if (!s.ok()) return Unavailable(logger, email, s);
    logger->Info("manage: {} changed their settings", email);
    notice = "Saved.";
  } else {
    return MessagePage(400, "Unknown action", "<p>Use the page's buttons.</p>");
  }
  auto fresh = store->GetSubscriber(email);
  if (!fresh.ok() || !*fresh) return Unavailable(logger, email, fresh.status());
  Subscriber now_sub = SubscriberFromSettings(email, (*fresh)->settings);
  return ManagePage(config, action_url, &**fresh, now_sub, false, now, notice);
}

}  // namespace gpalert
