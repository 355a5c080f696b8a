#include "daemon/http/settings_form.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/html_escape.h"
#include "common/strings.h"
#include "daemon/config/subscriber_fields.h"
#include "daemon/http/http_request.h"

namespace gpalert {
namespace {

std::string Esc(std::string_view s) { return EscapeHtml(s, HtmlEscapeMode::kAll); }

bool Has(const std::vector<std::string>& list, const std::string& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

std::string Checkboxes(std::string_view name, const std::vector<std::string>& values,
                       const std::vector<std::string>& checked, const char* disabled) {
  std::string out;
  int k = 0;
  for (const std::string& v : values) {
    std::string id = fmt::format("{}-{}", name, k++);
    out += fmt::format(
        "<span><input type=\"checkbox\" name=\"{}\" value=\"{}\" id=\"{}\"{}{}><label "
        "for=\"{}\">{}</label></span>\n",
        name, Esc(v), id, Has(checked, v) ? " checked" : "", disabled, id, Esc(v));
  }
  return out;
}

std::vector<std::string> All(const FormFields& fields, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& [k, v] : fields)
    if (k == name && !TrimAscii(v).empty()) out.emplace_back(TrimAscii(v));
  return out;
}

}  // namespace

std::string FormValue(const FormFields& fields, std::string_view name) {
  return std::string(TrimAscii(FormField(fields, name).value_or("")));
}

std::optional<Instant> ParseUnixSeconds(std::string_view s) {
  if (s.empty() || s.size() > 12) return std::nullopt;
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return Instant(std::chrono::seconds(v));
}

std::string SettingsFormHtml(const Config& config, const SubscriberSettings& s, bool read_only) {
  const char* disabled = read_only ? " disabled" : "";
  std::vector<std::string> sources, tags;
  for (const SourceConfig& src : config.sources) {
    sources.push_back(src.name);
    for (const std::string& t : src.tags)
      if (!Has(tags, t)) tags.push_back(t);
  }
  std::string digest;
  for (const auto& [value, label] :
       {std::pair<const char*, const char*>{"immediate", "As they appear"},
        {"daily", "Daily"},
        {"weekly", "Weekly"}}) {
    digest += fmt::format(
        "<span><input type=\"radio\" name=\"digest\" value=\"{}\" id=\"d-{}\"{}{}><label "
        "for=\"d-{}\">{}</label></span>\n",
        value, value, s.digest == value ? " checked" : "", disabled, value, label);
  }
  std::string weekdays;
  for (int d = 1; d <= 7; ++d) {
    const char* name = WeekdayName(d % 7);
    weekdays += fmt::format("<option value=\"{}\"{}>{}</option>", name,
                            s.weekday == d % 7 ? " selected" : "", name);
  }
  std::string keywords;
  // A keyword stored with a comma (before they were refused) is shown with its commas as
  // word breaks, so that saving the form keeps it one keyword that matches the same.
  for (const std::string& k : s.keywords)
    keywords += (keywords.empty() ? "" : ", ") + CommasAsSpaces(k);
  return fmt::format(
      "<fieldset><legend>Series (none ticked: all)</legend>\n{}</fieldset>\n{}"
      "<fieldset><legend>How often</legend>\n{}</fieldset>\n"
      "<label for=\"at\">At (daily and weekly)</label>\n"
      "<input type=\"time\" id=\"at\" name=\"at\" value=\"{}\"{}>\n"
      "<label for=\"weekday\">On (weekly)</label>\n<select id=\"weekday\" "
      "name=\"weekday\"{}>{}</select>\n"
      "<label for=\"timezone\">Time zone</label>\n"
      "<input type=\"text\" id=\"timezone\" name=\"timezone\" value=\"{}\" maxlength=\"64\"{}>\n"
      "<label for=\"keywords\">Only articles with these words (optional, comma-separated)"
      "</label>\n<input type=\"text\" id=\"keywords\" name=\"keywords\" value=\"{}\" "
      "maxlength=\"500\"{}>\n",
      Checkboxes("source", sources, s.sources, disabled),
      tags.empty() ? ""
                   : fmt::format("<fieldset><legend>Or topics</legend>\n{}</fieldset>\n",
                                 Checkboxes("tag", tags, s.tags, disabled)),
      digest, FormatTimeOfDay(s.at_minutes), disabled, disabled, weekdays, Esc(s.timezone),
      disabled, Esc(keywords), disabled);
}

std::string ReadSettingsForm(const FormFields& fields, SubscriberSettings* s) {
  s->digest = FormValue(fields, "digest").empty() ? "immediate" : FormValue(fields, "digest");
  std::string at = FormValue(fields, "at");
  if (!at.empty() && !ParseTimeOfDay(at, &s->at_minutes)) return "Use a time like 07:00.";
  std::string weekday = FormValue(fields, "weekday");
  if (!weekday.empty() && !ParseWeekday(weekday, &s->weekday)) return "Pick a weekday.";
  s->timezone = FormValue(fields, "timezone").empty() ? "UTC" : FormValue(fields, "timezone");
  s->sources = All(fields, "source");
  s->tags = All(fields, "tag");
  s->keywords.clear();
  std::string keywords = FormValue(fields, "keywords");  // outlives the views Split returns
  for (std::string_view k : Split(keywords, ',')) {
    if (!TrimAscii(k).empty()) s->keywords.emplace_back(TrimAscii(k));
  }
  return "";
}

}  // namespace gpalert
