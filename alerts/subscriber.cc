#include "alerts/subscriber.h"

namespace gpalert {

bool ParseDigestSchedule(std::string_view name, DigestSchedule* out) {
  if (name == "immediate")
    *out = DigestSchedule::kImmediate;
  else if (name == "daily")
    *out = DigestSchedule::kDaily;
  else if (name == "weekly")
    *out = DigestSchedule::kWeekly;
  else
    return false;
  return true;
}

bool ParseDigestContentMode(std::string_view name, DigestContentMode* out) {
  if (name == "summary")
    *out = DigestContentMode::kSummary;
  else if (name == "lead")
    *out = DigestContentMode::kLead;
  else if (name == "full")
    *out = DigestContentMode::kFull;
  else
    return false;
  return true;
}

}  // namespace gpalert
