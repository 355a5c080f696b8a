#include "daemon/http/unsubscribe_endpoint.h"

#include <fmt/format.h>

#include <optional>
#include <string>

#include "alerts/digest_body.h"
#include "alerts/unsubscribe_token.h"
#include "common/html_escape.h"
#include "common/strings.h"
#include "common/url.h"
#include "daemon/http/html_page.h"

namespace gpalert {
namespace {

struct Credentials {
  std::string email;
  std::string token;
};

// email and token from the query, else from the form body (a POST from some clients).
std::optional<Credentials> FindCredentials(
    const HttpRequest& req, const std::vector<std::pair<std::string, std::string>>& body) {
  auto query = ParseFormFields(req.query);
  auto email = FormField(query, "email");
  auto token = FormField(query, "token");
  if (!email) email = FormField(body, "email");
  if (!token) token = FormField(body, "token");
  if (!email || !token || email->empty() || token->empty() || email->size() > 320)
    return std::nullopt;
  return Credentials{*email, *token};
}

// The fields of a urlencoded or multipart/form-data body (RFC 8058 allows both).
std::vector<std::pair<std::string, std::string>> BodyFields(const HttpRequest& req) {
  std::string_view type = req.Header("Content-Type").value_or("application/x-www-form-urlencoded");
  if (!StartsWithIgnoreCase(type, "multipart/form-data"))
    return ParseFormFields(TrimAscii(req.body));
  // Multipart: only the List-Unsubscribe field matters; find its part's value.
  std::vector<std::pair<std::string, std::string>> fields;
  std::string_view body = req.body;
  size_t name = body.find("name=\"List-Unsubscribe\"");
  if (name != std::string_view::npos) {
    size_t start = body.find("\r\n\r\n", name);
    if (start != std::string_view::npos) {
      size_t end = body.find("\r\n", start + 4);
      fields.emplace_back("List-Unsubscribe", std::string(body.substr(start + 4, end - start - 4)));
    }
  }
  return fields;
}

HttpResponse Forbidden() {
  return HttpResponse::Text(403,
                            "This unsubscribe link is not valid: its token does not match the "
                            "address. Use the link from your latest digest, or reply to it "
                            "and ask to be removed.");
}

HttpResponse Incomplete() {
  return HttpResponse::Text(400,
                            "This unsubscribe link is incomplete (it needs email= and token=). "
                            "Copy the whole link from your digest.");
}

HttpResponse ConfirmationPage(const Credentials& c, bool already) {
  if (already) {
    return HtmlPage(
        200, "Unsubscribed",
        fmt::format("<h1>Unsubscribed</h1>\n<p>{} no longer receives GP alert digests.</p>",
                    EscapeHtml(c.email, HtmlEscapeMode::kAll)));
  }
  std::string action =
      fmt::format("?email={}&token={}", PercentEncode(c.email), PercentEncode(c.token));
  return HtmlPage(
      200, "Unsubscribe",
      fmt::format("<h1>Unsubscribe</h1>\n<p>Stop sending GP alert digests to <b>{}</b>?</p>\n"
                  "<form method=\"post\" action=\"{}\">\n"
                  "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">\n"
                  "<button type=\"submit\">Unsubscribe</button>\n</form>",
                  EscapeHtml(c.email, HtmlEscapeMode::kAll),
                  EscapeHtml(action, HtmlEscapeMode::kAll)));
}

}  // namespace

HttpResponse HandleUnsubscribe(const HttpRequest& req, std::string_view secret, Store* store,
                               Instant now, Logger* logger) {
  bool post = req.method == "POST";
  if (!post && req.method != "GET") {
    HttpResponse r =
        HttpResponse::Text(405, "use GET (a confirmation page) or POST (RFC 8058 one-click)");
    r.headers.emplace_back("Allow", "GET, POST");
    return r;
  }
  std::vector<std::pair<std::string, std::string>> body;
  if (post) body = BodyFields(req);
  std::optional<Credentials> c = FindCredentials(req, body);
  if (!c) return Incomplete();
  if (secret.empty() || !UnsubscribeTokenMatches(secret, c->email, c->token)) {
    logger->Warn("unsubscribe: refused a token that does not match {}", c->email);
    return Forbidden();
  }
  if (!post) {
    auto suppressed = store->IsSuppressed(c->email);
    if (!suppressed.ok()) {
      logger->Error("unsubscribe page for {}: {}", c->email, suppressed.status().message());
      return HttpResponse::Text(
          503, "The subscription store cannot be read right now; try again later.");
    }
    return ConfirmationPage(*c, suppressed.value());
  }
  if (FormField(body, "List-Unsubscribe") != "One-Click")
    return HttpResponse::Text(400, "The POST body must be List-Unsubscribe=One-Click (RFC 8058).");
  Status added = store->AddSuppression(c->email, kOneClickReason, now);
  if (!added.ok()) {
    logger->Error("unsubscribe {}: {}", c->email, added.message());
    return HttpResponse::Text(503,
                              "The unsubscribe could not be recorded right now; try again later.");
  }
  logger->Info("unsubscribe: {} unsubscribed (one-click)", c->email);
  return HtmlPage(
      200, "Unsubscribed",
      fmt::format("<h1>Unsubscribed</h1>\n<p>{} will receive no more GP alert digests.</p>",
                  EscapeHtml(c->email, HtmlEscapeMode::kAll)));
}

}  // namespace gpalert
