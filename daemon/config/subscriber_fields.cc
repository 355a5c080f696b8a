#include "daemon/config/subscriber_fields.h"

#include <date/tz.h>
#include <fmt/format.h>

#include <exception>
#include <set>
#include <vector>

#include "alerts/mail/mime_mailbox.h"
#include "alerts/matcher.h"
#include "common/strings.h"
#include "daemon/config/config_table_reader.h"

namespace gpalert {
namespace {

constexpr const char* kWeekdays[] = {"sunday",   "monday", "tuesday", "wednesday",
                                     "thursday", "friday", "saturday"};

// Every name in `names` must be one of `known` (`what` says which list).
Status CheckNames(const std::vector<std::string>& names, const std::vector<std::string>& known,
                  std::string_view what) {
  std::set<std::string> set(known.begin(), known.end());
  for (const std::string& name : names) {
    if (set.count(name)) continue;
    std::string hint = NearestWord(name, known);
    return Status::InvalidArgument(
        hint.empty() ? fmt::format("unknown {} \"{}\" (the config has no such one)", what, name)
                     : fmt::format("unknown {} \"{}\" (did you mean \"{}\"?)", what, name, hint));
  }
  return Status::Ok();
}

}  // namespace

bool HasControlChar(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

bool ParseTimeOfDay(std::string_view s, int* minutes) {
  if (s.size() != 5 || s[2] != ':') return false;
  for (size_t i : {0, 1, 3, 4}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  int h = (s[0] - '0') * 10 + (s[1] - '0');
  int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 23 || m > 59) return false;
  *minutes = h * 60 + m;
  return true;
}

std::string FormatTimeOfDay(int minutes) {
  return fmt::format("{:02}:{:02}", (minutes / 60) % 24, minutes % 60);
}

bool ParseWeekday(std::string_view s, int* weekday) {
  std::string lower = AsciiLower(TrimAscii(s));
  for (int i = 0; i < 7; ++i) {
    std::string_view full = kWeekdays[i];
    if (lower == full || lower == full.substr(0, 3)) {
      *weekday = i;
      return true;
    }
  }
  return false;
}

const char* WeekdayName(int weekday) { return kWeekdays[((weekday % 7) + 7) % 7]; }

bool IsKnownTimeZone(const std::string& name) {
  try {
    return date::locate_zone(name) != nullptr;
  } catch (const std::exception&) {
    return false;
  }
}

std::string NearestTimeZone(const std::string& name) {
  std::vector<std::string> zones;
  try {
    for (const auto& zone : date::get_tzdb().zones) zones.emplace_back(zone.name());
  } catch (const std::exception&) {
    return "";
  }
  return NearestWord(name, zones);
}

std::string KeywordCommaProblem(std::string_view keyword) {
  if (keyword.find(',') == std::string_view::npos) return "";
  return fmt::format(
      "keyword \"{}\" has a comma, which separates keywords: for one phrase leave the comma "
      "out (\"{}\" matches the same articles: punctuation does not count), or give the parts "
      "as separate keywords",
      keyword, CommasAsSpaces(keyword));
}

std::string CommasAsSpaces(std::string_view keyword) { return JoinCommaParts(keyword, " "); }

std::string JoinCommaParts(std::string_view keyword, std::string_view separator) {
  std::string out;
  for (std::string_view part : Split(keyword, ',')) {
    std::string_view word = TrimAscii(part);
    if (word.empty()) continue;
    if (!out.empty()) out += separator;
    out += word;
  }
  return out;
}

const char* DigestScheduleName(DigestSchedule schedule) {
  switch (schedule) {
    case DigestSchedule::kImmediate:
      return "immediate";
    case DigestSchedule::kDaily:
      return "daily";
    case DigestSchedule::kWeekly:
      return "weekly";
  }
  return "immediate";
}

Status CheckSubscriberSettings(const std::string& email, const SubscriberSettings& s,
                               const Config& config) {
  Status address = CheckAddrSpec(email);
  if (!address.ok()) return address;
  if (HasControlChar(s.name) || s.name.size() > 200) {
    return Status::InvalidArgument("the name must be printable text of at most 200 characters");
  }
  DigestSchedule schedule;
  if (!ParseDigestSchedule(s.digest, &schedule)) {
    return Status::InvalidArgument(
        fmt::format("unknown digest \"{}\" (use immediate, daily or weekly)", s.digest));
  }
  if (s.at_minutes < 0 || s.at_minutes >= 24 * 60) {
    return Status::InvalidArgument("the time of day must be 00:00 to 23:59");
  }
  if (s.weekday < 0 || s.weekday > 6) return Status::InvalidArgument("bad weekday");
  if (!IsKnownTimeZone(s.timezone)) {
    std::string hint = NearestTimeZone(s.timezone);
    return Status::InvalidArgument(
        hint.empty()
            ? fmt::format("unknown timezone \"{}\" (use an IANA name such as "
                          "\"Asia/Kolkata\" or \"UTC\")",
                          s.timezone)
            : fmt::format("unknown timezone \"{}\" (did you mean \"{}\"?)", s.timezone, hint));
  }
  std::vector<std::string> sources, tags;
  for (const SourceConfig& src : config.sources) {
    sources.push_back(src.name);
    for (const std::string& tag : src.tags) tags.push_back(tag);
  }
  Status named = CheckNames(s.sources, sources, "source");
  if (!named.ok()) return named;
  named = CheckNames(s.tags, tags, "tag");
  if (!named.ok()) return named;
  if (s.keywords.size() > 50) return Status::InvalidArgument("at most 50 keywords");
  for (const std::string& k : s.keywords) {
    if (std::string comma = KeywordCommaProblem(k); !comma.empty())
      return Status::InvalidArgument(comma);
    if (HasControlChar(k) || k.size() > 100 || SplitWords(k).empty()) {
      return Status::InvalidArgument(
          fmt::format("keyword \"{}\" must be printable text with a letter or digit (at most 100 "
                      "characters)",
                      k));
    }
  }
  return Status::Ok();
}

Subscriber SubscriberFromSettings(const std::string& email, const SubscriberSettings& s) {
  Subscriber sub;
  sub.email = email;
  sub.name = s.name;
  if (!ParseDigestSchedule(s.digest, &sub.digest)) sub.digest = DigestSchedule::kImmediate;
  sub.at_minutes = s.at_minutes;
  sub.weekday = s.weekday;
  sub.timezone = s.timezone;
  sub.sources = s.sources;
  sub.tags = s.tags;
  sub.keywords = s.keywords;
  return sub;
}

SubscriberSettings SettingsFromSubscriber(const Subscriber& sub) {
  SubscriberSettings s;
  s.name = sub.name;
  s.digest = DigestScheduleName(sub.digest);
  s.at_minutes = sub.at_minutes;
  s.weekday = sub.weekday;
  s.timezone = sub.timezone;
  s.sources = sub.sources;
  s.tags = sub.tags;
  s.keywords = sub.keywords;
  return s;
}

}  // namespace gpalert
