#include "daemon/subscriber_roster.h"

#include "common/strings.h"
#include "daemon/config/subscriber_fields.h"

namespace gpalert {
namespace {

// Store rows whose settings the store holds and that get digests.
Result<std::vector<SubscriberState>> ActiveStoreSubscribers(const Config& config, Store* store) {
  auto rows = store->ListSubscribers();
  if (!rows.ok()) return rows.status();
  std::vector<SubscriberState> out;
  for (SubscriberState& row : *rows) {
    if (row.origin == SubscriberOrigin::kConfig || row.status != SubscriberStatus::kActive)
      continue;
    if (InConfig(config, row.email)) continue;
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace

bool InConfig(const Config& config, const std::string& email) {
  for (const Subscriber& s : config.subscribers)
    if (EqualsIgnoreCase(s.email, email)) return true;
  return false;
}

Result<std::vector<RosterEntry>> ListRoster(const Config& config, Store* store) {
  auto rows = store->ListSubscribers();
  if (!rows.ok()) return rows.status();
  std::vector<RosterEntry> out;
  for (const Subscriber& s : config.subscribers) {
    RosterEntry e;
    e.subscriber = s;
    for (const SubscriberState& row : *rows) {
      if (!EqualsIgnoreCase(row.email, s.email)) continue;
      e.status = row.status;
      e.state = row;
    }
    out.push_back(std::move(e));
  }
  for (SubscriberState& row : *rows) {
    if (row.origin == SubscriberOrigin::kConfig || InConfig(config, row.email)) continue;
    RosterEntry e;
    e.subscriber = SubscriberFromSettings(row.email, row.settings);
    e.origin = row.origin;
    e.status = row.status;
    e.state = std::move(row);
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::vector<Subscriber>> DigestRoster(const Config& config, Store* store) {
  auto rows = ActiveStoreSubscribers(config, store);
  if (!rows.ok()) return rows.status();
  std::vector<Subscriber> out = config.subscribers;
  for (const SubscriberState& row : *rows)
    out.push_back(SubscriberFromSettings(row.email, row.settings));
  return out;
}

Result<std::optional<Subscriber>> FindSubscriber(const Config& config, Store* store,
                                                 const std::string& email,
                                                 SubscriberOrigin* origin) {
  for (const Subscriber& s : config.subscribers) {
    if (!EqualsIgnoreCase(s.email, email)) continue;
    if (origin) *origin = SubscriberOrigin::kConfig;
    return std::optional<Subscriber>(s);
  }
  auto row = store->GetSubscriber(email);
  if (!row.ok()) return row.status();
  if (!*row || (*row)->origin == SubscriberOrigin::kConfig) return std::optional<Subscriber>();
  if (origin) *origin = (*row)->origin;
  return std::optional<Subscriber>(SubscriberFromSettings((*row)->email, (*row)->settings));
}

Result<RetentionPolicy> RetentionFor(const Config& config, Store* store) {
  RetentionPolicy policy = config.retention;
  auto rows = ActiveStoreSubscribers(config, store);
  if (!rows.ok()) return rows.status();
  for (const SubscriberState& row : *rows) policy.subscribers.push_back(row.email);
  return policy;
}

}  // namespace gpalert
