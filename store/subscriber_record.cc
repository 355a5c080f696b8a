#include "store/subscriber_record.h"

#include <array>
#include <utility>

namespace gpalert {
namespace {

constexpr std::array<std::pair<SubscriberOrigin, const char*>, 3> kOrigins = {{
    {SubscriberOrigin::kConfig, "config"},
    {SubscriberOrigin::kSelf, "self"},
    {SubscriberOrigin::kAdmin, "admin"},
}};

constexpr std::array<std::pair<SubscriberStatus, const char*>, 5> kStatuses = {{
    {SubscriberStatus::kPending, "pending"},
    {SubscriberStatus::kActive, "active"},
    {SubscriberStatus::kUnsubscribed, "unsubscribed"},
    {SubscriberStatus::kBouncing, "bouncing"},
    {SubscriberStatus::kSuppressed, "suppressed"},
}};

template <typename Enum, std::size_t N>
const char* NameIn(const std::array<std::pair<Enum, const char*>, N>& table, Enum value) {
  for (const auto& [v, name] : table)
    if (v == value) return name;
  return "?";
}

template <typename Enum, std::size_t N>
bool ParseIn(const std::array<std::pair<Enum, const char*>, N>& table, std::string_view name,
             Enum* out) {
  for (const auto& [v, n] : table) {
    if (name == n) {
      *out = v;
      return true;
    }
  }
  return false;
}

}  // namespace

const char* SubscriberOriginName(SubscriberOrigin origin) { return NameIn(kOrigins, origin); }
bool ParseSubscriberOrigin(std::string_view name, SubscriberOrigin* out) {
  return ParseIn(kOrigins, name, out);
}
const char* SubscriberStatusName(SubscriberStatus status) { return NameIn(kStatuses, status); }
bool ParseSubscriberStatus(std::string_view name, SubscriberStatus* out) {
  return ParseIn(kStatuses, name, out);
}

}  // namespace gpalert
