#include "daemon/http/signup_endpoint.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "alerts/confirmation_mail.h"
#include "alerts/schedule.h"
#include "alerts/signed_token.h"
#include "common/html_escape.h"
#include "common/strings.h"
#include "common/url.h"
#include "daemon/config/subscriber_fields.h"
#include "daemon/http/html_page.h"
#include "daemon/http/settings_form.h"
#include "daemon/signup_start.h"
#include "daemon/subscriber_roster.h"
#include "daemon/unsubscribe_secret.h"

namespace gpalert {
namespace {

using Fields = FormFields;

HttpResponse Message(int status, std::string_view title, std::string_view html) {
  return MessagePage(status, title, html);
}

constexpr const char* kCookie = "gpalert_form";
constexpr std::chrono::seconds kFormLifetime{3600};

// Sets the time zone field from the browser unless the reader typed one.
constexpr std::string_view kZoneScript =
    "(function(){var f=document.getElementById('timezone');try{var z=Intl.DateTimeFormat()."
    "resolvedOptions().timeZone;if(f&&z&&f.value==='UTC')f.value=z;}catch(e){}})();";

std::string Esc(std::string_view s) { return EscapeHtml(s, HtmlEscapeMode::kAll); }

std::optional<std::string> CookieValue(const HttpRequest& req, std::string_view name) {
  std::string_view header = req.Header("Cookie").value_or("");
  for (std::string_view part : Split(header, ';')) {
    part = TrimAscii(part);
    if (part.size() > name.size() && part.substr(0, name.size()) == name &&
        part[name.size()] == '=')
      return std::string(part.substr(name.size() + 1));
  }
  return std::nullopt;
}

bool IsHexToken(std::string_view s, std::size_t size) {
  if (s.size() != size) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// "scheme://host[:port]" of a URL, for the Origin check.
std::string OriginOf(const std::string& url) {
  std::size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  std::size_t end = url.find('/', scheme + 3);
  return AsciiLower(url.substr(0, end));
}

HttpResponse MethodNotAllowed() {
  HttpResponse r = HttpResponse::Text(405, "use GET or POST");
  r.headers.emplace_back("Allow", "GET, POST");
  return r;
}

}  // namespace

std::string ClientAddress(const HttpRequest& req) {
  std::string peer = req.client_address;
  bool loopback = peer == "127.0.0.1" || peer == "::1" || peer.rfind("::ffff:127.", 0) == 0;
  auto forwarded = req.Header("X-Forwarded-For");
  if (!loopback || !forwarded) return peer;
  std::string_view last = *forwarded;
  std::size_t comma = last.rfind(',');
  if (comma != std::string_view::npos) last = last.substr(comma + 1);
  last = TrimAscii(last);
  return last.empty() || last.size() > 64 ? peer : std::string(last);
}

SignupEndpoint::SignupEndpoint(std::shared_ptr<const Config> config, std::string secret,
                               Store* store, Logger* logger, std::function<Instant()> clock,
                               std::function<void()> mail_soon)
    : config_(std::move(config)),
      secret_(std::move(secret)),
      store_(store),
      logger_(logger),
      clock_(std::move(clock)),
      mail_soon_(std::move(mail_soon)),
      limiter_(config_->signup.per_client_per_minute, std::chrono::seconds(60)) {}

void SignupEndpoint::SetConfig(std::shared_ptr<const Config> config) {
  config_ = std::move(config);
  limiter_.set_per_window(config_->signup.per_client_per_minute);
}

bool SignupEndpoint::Serves(const std::string& path) {
  return path == "/subscribe" || path == "/subscribe/confirm";
}

HttpResponse SignupEndpoint::Handle(const HttpRequest& req) {
  if (req.method != "GET" && req.method != "POST") return MethodNotAllowed();
  if (req.path == "/subscribe/confirm") return Confirm(req);
  if (req.method == "GET") return Form(req, "", 200);
  return Post(req);
}

HttpResponse SignupEndpoint::Form(const HttpRequest& req, const std::string& error, int status) {
  auto cookie = CookieValue(req, kCookie);
  if (!cookie || !IsHexToken(*cookie, 32)) {
    auto fresh = RandomHex(16);
    if (!fresh.ok()) {
      logger_->Error("sign-up form: {}", fresh.status().message());
      return HttpResponse::Text(503, "The form cannot be served right now; try again later.");
    }
    cookie = *fresh;
  }
  Instant expires = clock_() + kFormLifetime;
  std::string form_token = fmt::format("{}.{}", expires.time_since_epoch().count(),
                                       SignToken(secret_, TokenPurpose::kForm, *cookie, expires));
  std::string body = fmt::format(
      "<h1>Subscribe to GP alerts</h1>\n"
      "<p>New articles from the series you choose, by e-mail, when you choose. We send a "
      "confirmation link first: nothing else comes until you open it.</p>\n"
      "{}"
      "<form method=\"post\" action=\"/subscribe\">\n"
      "<input type=\"hidden\" name=\"form_token\" value=\"{}\">\n"
      "<label for=\"email\">Your e-mail address</label>\n"
      "<input type=\"email\" id=\"email\" name=\"email\" required autocomplete=\"email\" "
      "maxlength=\"254\">\n"
      "{}"
      "<button type=\"submit\">Subscribe</button>\n</form>\n"
      "<p class=\"note\">Every digest has a link to change these settings or leave.</p>",
      error.empty() ? "" : fmt::format("<p class=\"error\" role=\"alert\">{}</p>\n", Esc(error)),
      Esc(form_token), SettingsFormHtml(*config_, SubscriberSettings(), false));
  HttpResponse r = HtmlPage(status, "Subscribe to GP alerts", body, kZoneScript);
  bool https = StartsWithIgnoreCase(config_->mail.public_url.value_or(""), "https://");
  r.headers.emplace_back(
      "Set-Cookie", fmt::format("{}={}; Path=/subscribe; Max-Age={}; HttpOnly; SameSite=Strict{}",
                                kCookie, *cookie, kFormLifetime.count(), https ? "; Secure" : ""));
  return r;
}

HttpResponse SignupEndpoint::Post(const HttpRequest& req) {
  Instant now = clock_();
  std::string client = ClientAddress(req);
  if (!limiter_.Allow(client, ClientRateLimiter::Clock::now())) {
    logger_->Warn("sign-up: {} is over [signup] per_client_per_minute; answered 429", client);
    HttpResponse r = Message(429, "Too many sign-ups",
                             "<p>Too many sign-ups from your address; wait a minute and try "
                             "again.</p>");
    r.headers.emplace_back("Retry-After", "60");
    return r;
  }
  auto origin = req.Header("Origin");
  if (origin && *origin != "null" && config_->mail.public_url &&
      AsciiLower(*origin) != OriginOf(*config_->mail.public_url)) {
    logger_->Warn("sign-up: refused a cross-site post from {} (Origin {})", client, *origin);
    return Message(403, "Not allowed", "<p>This form can only be sent from its own page.</p>");
  }
  Fields fields = ParseFormFields(TrimAscii(req.body));
  auto cookie = CookieValue(req, kCookie);
  std::string form_token = FormValue(fields, "form_token");
  std::size_t dot = form_token.find('.');
  auto expires = ParseUnixSeconds(form_token.substr(0, dot == std::string::npos ? 0 : dot));
  TokenCheck check = cookie && expires && dot != std::string::npos
                         ? CheckToken(secret_, TokenPurpose::kForm, *cookie, *expires,
                                      std::string_view(form_token).substr(dot + 1), now)
                         : TokenCheck::kForged;
  if (check != TokenCheck::kValid) {
    logger_->Info("sign-up: refused a post from {} without a valid form token", client);
    return Form(req,
                check == TokenCheck::kExpired
                    ? "The form had expired; please fill it in again."
                    : "Please send the form from this page (with cookies allowed for this site).",
                403);
  }
  std::string email = FormValue(fields, "email");
  SubscriberSettings settings;
  std::string error = ReadSettingsForm(fields, &settings);
  if (error.empty()) {
    Status valid = CheckSubscriberSettings(email, settings, *config_);
    if (!valid.ok()) error = "That did not work: " + valid.message() + ".";
  }
  if (!error.empty()) return Form(req, error, 400);
  Status done = SignUp(email, settings, now);
  if (!done.ok()) {
    logger_->Error("sign-up of {}: {}", email, done.message());
    return Message(503, "Please try again",
                   "<p>Your sign-up could not be recorded right now; please try again in a few "
                   "minutes.</p>");
  }
  return Message(200, "Check your inbox",
                 fmt::format("<p>If {} can receive GP alerts, a message with a confirmation "
                             "link is on its way. Nothing else is sent until you open it.</p>",
                             Esc(email)));
}

Status SignupEndpoint::SignUp(const std::string& email, const SubscriberSettings& settings,
                              Instant now) {
  bool queued = false;
  Status s = StartSignUp(*config_, secret_, store_, logger_, email, settings, now, &queued);
  if (queued && mail_soon_) mail_soon_();
  return s;
}

HttpResponse SignupEndpoint::Confirm(const HttpRequest& req) {
  Instant now = clock_();
  Fields query = ParseFormFields(req.query);
  std::string email = FormValue(query, "email");
  auto expires = ParseUnixSeconds(FormValue(query, "expires"));
  std::string token = FormValue(query, "token");
  if (email.empty() || !expires || token.empty()) {
    return Message(400, "Incomplete link",
                   "<p>This confirmation link is incomplete. Copy the whole link from the "
                   "message.</p>");
  }
  // A link carries the settings asked for (daemon/signup_start.h), signed with the
  // address; one without them (mailed before they were carried) confirms the row's own.
  bool carried = !FormValue(query, "digest").empty();
  std::optional<SubscriberSettings> asked;
  if (SubscriberSettings read; carried && ReadSettingsForm(query, &read).empty()) asked = read;
  // The token signs the keywords as carried, not as read back: a link mailed before
  // keywords with commas were refused has a keyword's comma among the separators.
  const std::string carried_keywords = FormField(query, "keywords").value_or("");
  SubscriberSettings signed_for = asked.value_or(SubscriberSettings());
  signed_for.keywords = {carried_keywords};
  TokenCheck check = carried && !asked
                         ? TokenCheck::kForged
                         : CheckToken(secret_, TokenPurpose::kConfirm,
                                      asked ? ConfirmationSubject(email, signed_for) : email,
                                      *expires, token, now);
  if (check == TokenCheck::kForged) {
    logger_->Warn("sign-up: refused a confirmation token that does not match {}", email);
    return Message(403, "Link not valid",
                   "<p>This confirmation link is not valid. Use the link from the message "
                   "we sent, or <a href=\"/subscribe\">sign up again</a>.</p>");
  }
  if (check == TokenCheck::kExpired) {
    return Message(410, "Link expired",
                   "<p>This confirmation link has expired. <a href=\"/subscribe\">Sign up "
                   "again</a> for a new one.</p>");
  }
  auto row = store_->GetSubscriber(email);
  if (!row.ok()) {
    logger_->Error("confirmation of {}: {}", email, row.status().message());
    return Message(503, "Please try again", "<p>Please try again in a few minutes.</p>");
  }
  const Instant issued = *expires - config_->signup.confirm_within;
  if (!*row || (*row)->origin == SubscriberOrigin::kConfig) {
    return Message(410, "Link no longer valid",
                   "<p>There is no sign-up waiting for this address. <a "
                   "href=\"/subscribe\">Sign up again</a>.</p>");
  }
  const SubscriberState& s = **row;
  SubscriberSettings settings = s.settings;
  if (asked) {
    std::string name = settings.name;
    std::vector<std::string> own = settings.keywords;
    settings = *asked;
    settings.name = name;
    // Such an old link carries the row's own keywords: each stays one, its commas made
    // word breaks (they match the same articles).
    bool own_commas = std::any_of(own.begin(), own.end(), [](const std::string& k) {
      return k.find(',') != std::string::npos;
    });
    if (own_commas && KeywordsField(own) == carried_keywords) {
      settings.keywords.clear();
      for (const std::string& k : own) settings.keywords.push_back(CommasAsSpaces(k));
    }
  }
  Subscriber sub = SubscriberFromSettings(s.email, settings);
  if (s.status == SubscriberStatus::kActive) {
    return Message(200, "You are subscribed",
                   fmt::format("<p>{} receives GP alerts ({}).</p>", Esc(s.email),
                               Esc(DescribeSchedule(sub))));
  }
  bool stale =
      s.status != SubscriberStatus::kPending && s.status_changed && issued < *s.status_changed;
  if ((s.status != SubscriberStatus::kPending && s.status != SubscriberStatus::kUnsubscribed) ||
      stale) {
    return Message(410, "Link no longer valid",
                   "<p>This link is older than the last change to this address. <a "
                   "href=\"/subscribe\">Sign up again</a> for a new one.</p>");
  }
  if (req.method == "GET") {
    std::string action = "/subscribe/confirm?" + req.query;
    return Message(200, "Confirm your subscription",
                   fmt::format("<p>Send GP alerts to <b>{}</b> ({})?</p>\n"
                               "<form method=\"post\" action=\"{}\">\n"
                               "<button type=\"submit\">Confirm</button>\n</form>",
                               Esc(s.email), Esc(DescribeSchedule(sub)), Esc(action)));
  }
  std::string agent(req.Header("User-Agent").value_or(""));
  if (agent.size() > 300) agent.resize(300);
  ConsentRecord consent{now, ClientAddress(req), SanitizeUtf8(agent)};
  if (asked) {
    Status valid = CheckSubscriberSettings(s.email, settings, *config_);
    if (!valid.ok()) {
      return Message(410, "Link no longer valid",
                     fmt::format("<p>These settings can no longer be chosen ({}). <a "
                                 "href=\"/subscribe\">Sign up again</a>.</p>",
                                 Esc(valid.message())));
    }
  }
  Status activated = asked ? store_->SetSubscriberSettings(s.email, settings) : Status::Ok();
  if (activated.ok()) activated = store_->ActivateSubscriber(s.email, consent, now);
  if (!activated.ok()) {
    logger_->Error("confirmation of {}: {}", email, activated.message());
    return Message(503, "Please try again", "<p>Please try again in a few minutes.</p>");
  }
  logger_->Info("sign-up: {} confirmed (from {})", s.email, consent.address);
  return Message(200, "You are subscribed",
                 fmt::format("<p>{} will receive GP alerts ({}), starting with the articles "
                             "found from now on.</p>",
                             Esc(s.email), Esc(DescribeSchedule(sub))));
}

}  // namespace gpalert
