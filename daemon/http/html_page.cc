#include "daemon/http/html_page.h"

#include <fmt/format.h>

#include <string>

#include "alerts/mail/mime_writer.h"
#include "common/html_escape.h"
#include "common/sha256.h"

namespace gpalert {
namespace {

constexpr std::string_view kStyle =
    "body{margin:0;background:#f3f4f6;font:16px/1.5 system-ui,-apple-system,'Segoe UI',"
    "Roboto,sans-serif;color:#1f2328}"
    "header{background:#1a3d6d;color:#fff;padding:14px 20px;font-size:20px;font-weight:600}"
    "main{max-width:36em;margin:16px auto;background:#fff;border:1px solid #d9dce1;"
    "padding:8px 20px 20px}"
    "h1{font-size:1.3em}label{display:block;margin:.8em 0 .2em;font-weight:600}"
    "fieldset{border:1px solid #d9dce1;margin:.8em 0;padding:.4em .8em}"
    "fieldset span{display:inline-block;white-space:nowrap;margin:.1em 1em .1em 0}"
    "fieldset label{display:inline;font-weight:400;margin:0 0 0 .2em}"
    "legend{font-weight:600}"
    "input[type=email],input[type=text],select{width:100%;box-sizing:border-box;padding:.5em;"
    "font:inherit;border:1px solid #9aa1ab;border-radius:4px}"
    "input[type=time]{padding:.4em;font:inherit}"
    "button{margin-top:1em;padding:.6em 1.4em;font:inherit;background:#1a3d6d;color:#fff;"
    "border:0;border-radius:4px;cursor:pointer}button.secondary{background:#6b7280}"
    ".note{color:#59636e;font-size:.9em}.error{color:#a40e26;font-weight:600}"
    "@media (max-width:480px){main{margin:0;border:0}}";

// 'sha256-<base64>' of `text`, for the CSP.
std::string CspHash(std::string_view text) {
  std::string hex = Sha256Hex(text), raw;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    raw += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return "'sha256-" + EncodeBase64(raw) + "'";
}

}  // namespace

HttpResponse HtmlPage(int status, std::string_view title, std::string_view body_html,
                      std::string_view script) {
  std::string escaped = EscapeHtml(title, HtmlEscapeMode::kAll);
  std::string html = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<meta name=\"robots\" content=\"noindex\"><title>{}</title><style>{}</style></head>\n"
      "<body><header>GP alerts</header>\n<main>\n{}\n</main>{}</body></html>\n",
      escaped, kStyle, body_html, script.empty() ? "" : fmt::format("<script>{}</script>", script));
  HttpResponse r = HttpResponse::Html(status, std::move(html));
  std::string csp = "default-src 'none'; style-src " + CspHash(kStyle);
  if (!script.empty()) csp += "; script-src " + CspHash(script);
  csp += "; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
  r.headers.emplace_back("Content-Security-Policy", csp);
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  return r;
}

HttpResponse MessagePage(int status, std::string_view title, std::string_view html) {
  return HtmlPage(status, title,
                  "<h1>" + EscapeHtml(title, HtmlEscapeMode::kAll) + "</h1>\n" + std::string(html));
}

}  // namespace gpalert
