#include "common/time_format.h"

#include <cstdio>
#include <ctime>

namespace gpalert {

std::string FormatRfc3339(Instant t) {
  // Civil-date arithmetic only: gmtime_r would consult the time-zone machinery.
  using namespace std::chrono;
  sys_days day = floor<days>(t);
  year_month_day ymd(day);
  hh_mm_ss<seconds> hms(t - day);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

std::optional<Instant> ParseRfc3339Utc(std::string_view s) {
  if (s.size() != 20 || s[19] != 'Z') return std::nullopt;
  int y, mo, d, h, mi, se;
  std::string copy(s);
  if (std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d, &h, &mi, &se) != 6)
    return std::nullopt;
  using namespace std::chrono;
  year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || se > 60) return std::nullopt;
  return sys_days(ymd) + hours(h) + minutes(mi) + seconds(se);
}

Instant NowSeconds() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace gpalert
