// Subscriber records: what the store keeps of each subscriber besides its digest clock —
// where the subscription came from (the config, the reader's own sign-up, the admin),
// its state, the settings of a subscriber the config does not hold, and the consent
// record of a confirmed sign-up. Plain values and their names; any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/time_format.h"

namespace gpalert {

// Who holds the subscriber's settings: the TOML config (read-only elsewhere), the reader
// (signed up through the daemon's form), or the admin (`gpalert subscribers add|import`).
enum class SubscriberOrigin { kConfig, kSelf, kAdmin };

// pending: waits for the reader's confirmation (double opt-in), gets no digest;
// active: gets digests; unsubscribed: the reader left (one-click, manage page, mail);
// bouncing: mail to the address bounces, digests stopped; suppressed: the admin blocked it.
enum class SubscriberStatus { kPending, kActive, kUnsubscribed, kBouncing, kSuppressed };

// The settings of a self- or admin-origin subscriber, as the config's [[subscribers]]
// keys spell them (alerts/subscriber.h holds the parsed form; daemon/subscriber_roster.h
// converts). Config-origin rows leave them at their defaults: the config is the truth.
struct SubscriberSettings {
  std::string name;
  std::string digest = "immediate";  // "immediate" | "daily" | "weekly"
  int at_minutes = 7 * 60;           // local time of daily/weekly digests
  int weekday = 1;                   // weekly: 0 = Sunday ... 6 = Saturday
  std::string timezone = "UTC";
  std::vector<std::string> sources;
  std::vector<std::string> tags;
  std::vector<std::string> keywords;
};

// How the subscription was agreed to: when, from which client address and user agent
// (a sign-up's confirmation), or by whom ("admin: gpalert subscribers add").
struct ConsentRecord {
  Instant at;
  std::string address;     // client address of the confirming request; "" for the CLI
  std::string user_agent;  // its User-Agent, or the command that recorded the consent
};

// "config", "self", "admin"; and back (false when unknown).
const char* SubscriberOriginName(SubscriberOrigin origin);
bool ParseSubscriberOrigin(std::string_view name, SubscriberOrigin* out);
// "pending", "active", "unsubscribed", "bouncing", "suppressed"; and back.
const char* SubscriberStatusName(SubscriberStatus status);
bool ParseSubscriberStatus(std::string_view name, SubscriberStatus* out);

}  // namespace gpalert
