#include "alerts/digest_body.h"

#include <fmt/format.h>

#include "common/html_escape.h"
#include "common/strings.h"
#include "common/url.h"

namespace gpalert {
namespace {

constexpr size_t kTextWidth = 72;

// Columns taken by UTF-8 text (one per code point: close enough for wrapping).
size_t Columns(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Greedy word wrap at kTextWidth, each line prefixed by `indent`.
std::string Wrap(std::string_view text, std::string_view indent) {
  std::string out, line;
  for (std::string_view word : Split(text, ' ')) {
    if (word.empty()) continue;
    if (!line.empty() && Columns(indent) + Columns(line) + 1 + Columns(word) > kTextWidth) {
      out += std::string(indent) + line + "\n";
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
  }
  if (!line.empty()) out += std::string(indent) + line + "\n";
  return out;
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string MetaLine(const DigestEntry& e, std::string_view separator) {
  std::string meta = e.updated ? "updated" : "";
  if (!e.date.empty()) meta += (meta.empty() ? "" : std::string(separator)) + e.date;
  if (!e.author.empty()) meta += (meta.empty() ? "" : std::string(separator)) + e.author;
  if (!e.also_in.empty())
    meta += (meta.empty() ? "" : std::string(separator)) + "also in: " + Joined(e.also_in);
  return meta;
}

// Only http(s) URLs become links.
std::string SafeHref(std::string_view url) {
  return IsHttpUrl(url) ? EscapeHtml(url, HtmlEscapeMode::kAll) : "";
}

}  // namespace

std::string RenderDigestText(const DigestContent& c) {
  std::string out = c.subject + "\n";
  for (const auto& group : c.groups) {
    std::string heading = fmt::format("{} ({})", group.source, group.entries.size());
    out += "\n" + heading + "\n" + std::string(Columns(heading), '-') + "\n";
    for (const auto& e : group.entries) {
      out += "\n" + Wrap("* " + e.title, "");
      if (IsHttpUrl(e.url)) out += "  " + e.url + "\n";
      std::string meta = MetaLine(e, " | ");
      if (!meta.empty()) out += Wrap(meta, "  ");
      if (!e.paragraphs.empty()) {
        for (const std::string& p : e.paragraphs) {
          out += "\n";
          for (std::string_view line : Split(p, '\n')) out += Wrap(line, "  ");
        }
      } else if (!e.summary.empty()) {
        out += Wrap(e.summary, "  ");
      }
      if (e.continue_reading) out += "  Continue reading: " + e.url + "\n";
    }
  }
  out += "\n-- \n";
  out += Wrap(fmt::format("You receive these alerts as {}; schedule: {}.", c.recipient, c.schedule),
              "");
  if (c.manage_url) out += "Change your settings or pause: " + *c.manage_url + "\n";
  out += "Unsubscribe: " + c.unsubscribe_url.value_or(c.unsubscribe_mailto) + "\n";
  return out;
}

std::string RenderDigestHtml(const DigestContent& c) {
  std::string out;
  out +=
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + EscapeHtml(c.subject, HtmlEscapeMode::kAll) + "</title></head>\n";
  out +=
      "<body style=\"margin:0;padding:0;background-color:#f3f4f6;\">\n"
      "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" "
      "border=\"0\" "
      "style=\"background-color:#f3f4f6;\"><tr><td align=\"center\" style=\"padding:16px 8px;\">\n"
      "<table role=\"presentation\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" "
      "style=\"width:100%;max-width:600px;background-color:#ffffff;border:1px solid #d9dce1;"
      "font-family:Arial,Helvetica,sans-serif;color:#1f2328;\">\n";
  out +=
      "<tr><td style=\"padding:16px 20px;background-color:#1a3d6d;color:#ffffff;font-size:20px;"
      "line-height:26px;font-weight:bold;\">" +
      EscapeHtml(c.subject, HtmlEscapeMode::kAll) + "</td></tr>\n";
  for (const auto& group : c.groups) {
    out += fmt::format(
        "<tr><td style=\"padding:18px 20px 6px "
        "20px;font-size:16px;line-height:22px;font-weight:bold;"
        "color:#1a3d6d;border-bottom:2px solid #1a3d6d;\">{} ({})</td></tr>\n",
        EscapeHtml(group.source, HtmlEscapeMode::kAll), group.entries.size());
    for (const auto& e : group.entries) {
      out += "<tr><td style=\"padding:12px 20px;border-bottom:1px solid #eceef1;\">\n";
      std::string href = SafeHref(e.url);
      std::string title = EscapeHtml(e.title, HtmlEscapeMode::kAll);
      if (!href.empty()) {
        out += "<a href=\"" + href +
               "\" style=\"font-size:16px;line-height:22px;font-weight:bold;"
               "color:#0b57d0;text-decoration:none;\">" +
               title + "</a>\n";
      } else {
        out += "<span style=\"font-size:16px;line-height:22px;font-weight:bold;\">" + title +
               "</span>\n";
      }
      std::string meta = MetaLine(e, " \xC2\xB7 ");
      if (!meta.empty()) {
        out += "<div style=\"font-size:12px;line-height:18px;color:#5f6670;padding-top:2px;\">" +
               EscapeHtml(meta, HtmlEscapeMode::kAll) + "</div>\n";
      }
      if (!e.html.empty()) {
        out += "<div style=\"font-size:14px;line-height:20px;padding-top:6px;\">" + e.html +
               "</div>\n";
      } else if (!e.paragraphs.empty()) {
        for (const std::string& p : e.paragraphs) {
          std::string lines;
          for (std::string_view line : Split(p, '\n'))
            lines += (lines.empty() ? "" : "<br>") + EscapeHtml(line, HtmlEscapeMode::kAll);
          out +=
              "<p style=\"font-size:14px;line-height:20px;margin:6px 0 0 0;\">" + lines + "</p>\n";
        }
      } else if (!e.summary.empty()) {
        out += "<div style=\"font-size:14px;line-height:20px;padding-top:6px;\">" +
               EscapeHtml(e.summary, HtmlEscapeMode::kAll) + "</div>\n";
      }
      if (e.continue_reading && !href.empty()) {
        out += "<div style=\"font-size:13px;line-height:18px;padding-top:6px;\"><a href=\"" + href +
               "\" style=\"color:#0b57d0;\">Continue reading &#8594;</a></div>\n";
      }
      out += "</td></tr>\n";
    }
  }
  std::string link = c.unsubscribe_url ? SafeHref(*c.unsubscribe_url)
                                       : EscapeHtml(c.unsubscribe_mailto, HtmlEscapeMode::kAll);
  out +=
      "<tr><td style=\"padding:16px 20px;font-size:12px;line-height:18px;color:#5f6670;\">"
      "You receive these alerts as " +
      EscapeHtml(c.recipient, HtmlEscapeMode::kAll) +
      "; schedule: " + EscapeHtml(c.schedule, HtmlEscapeMode::kAll) + ". " +
      (c.manage_url ? "<a href=\"" + SafeHref(*c.manage_url) +
                          "\" style=\"color:#5f6670;\">Change your settings</a> &middot; "
                    : std::string()) +
      "<a href=\"" + link + "\" style=\"color:#5f6670;\">Unsubscribe</a></td></tr>\n";
  out += "</table>\n</td></tr></table>\n</body></html>\n";
  return out;
}

}  // namespace gpalert
