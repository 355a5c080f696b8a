// Subscriber: one [[subscribers]] entry of the config — who gets digests, when, of what.
// Plain options struct; the config loader fills it once, matching/scheduling read it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gpalert {

enum class DigestSchedule { kImmediate, kDaily, kWeekly };

// What a digest shows of each article: the summary cut to [mail] summary_chars, the
// page's lead (standfirst) in full, or the whole extracted article (up to [mail]
// max_full_text_size per digest; later entries then show their summary).
enum class DigestContentMode { kSummary, kLead, kFull };

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
  DigestContentMode content = DigestContentMode::kSummary;
};

}  // namespace gpalert

namespace gpalert {
// "immediate" | "daily" | "weekly"; false when unknown.
bool ParseDigestSchedule(std::string_view name, DigestSchedule* out);
// "summary" | "lead" | "full"; false when unknown.
bool ParseDigestContentMode(std::string_view name, DigestContentMode* out);
}  // namespace gpalert
