// Subscriber: one [[subscribers]] entry of the config — who gets digests, when, of what.
// Plain options struct; the config loader fills it once, matching/scheduling read it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gpalert {

enum class DigestSchedule { kImmediate, kDaily, kWeekly };

struct Subscriber {
  std::string email;  // bare address, validated by the config loader
  std::string name;   // display name; may be empty
  DigestSchedule digest = DigestSchedule::kImmediate;
  int at_minutes = 7 * 60;           // local time of day of daily/weekly digests ("07:00")
  int weekday = 1;                   // weekly only: 0 = Sunday ... 6 = Saturday
  std::string timezone = "UTC";      // IANA zone name
  std::vector<std::string> sources;  // only these source names (empty = no restriction) ...
  std::vector<std::string> tags;     // ... or sources with these tags
  std::vector<std::string>
      keywords;  // only articles whose title/summary match a word (empty = all)
};

}  // namespace gpalert

namespace gpalert {
// "immediate" | "daily" | "weekly"; false when unknown.
bool ParseDigestSchedule(std::string_view name, DigestSchedule* out);
}  // namespace gpalert
