// SubscriberRoster: everyone who may get digests — the config's [[subscribers]] and the
// store's active self- and admin-origin subscribers (docs/ARCHITECTURE.md, "Subscribers").
// A config entry wins over a store row with the same address. Reads the store; the
// calling thread's connection.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "alerts/subscriber.h"
#include "common/status.h"
#include "daemon/config/config.h"
#include "store/store.h"

namespace gpalert {

// One subscriber as the admin sees it.
struct RosterEntry {
  Subscriber subscriber;  // its settings: the config's, or the store's
  SubscriberOrigin origin = SubscriberOrigin::kConfig;
  // The store row's status; a config entry never registered (no `run` yet) is active.
  SubscriberStatus status = SubscriberStatus::kActive;
  std::optional<SubscriberState> state;  // the store row, once registered
};

// Every subscriber: the config's (in config order), then the store's self/admin ones
// not in the config, by address (any state).
Result<std::vector<RosterEntry>> ListRoster(const Config& config, Store* store);

// The config's subscribers (in config order; the digest pass still skips suppressed
// ones), then the store's active self/admin ones not in the config, by address.
Result<std::vector<Subscriber>> DigestRoster(const Config& config, Store* store);

// The config's or the store's subscriber with this address (any state), nullopt when
// neither has it. `origin` is set to where its settings come from.
Result<std::optional<Subscriber>> FindSubscriber(const Config& config, Store* store,
                                                 const std::string& email,
                                                 SubscriberOrigin* origin = nullptr);

// True when the config's [[subscribers]] has the address.
bool InConfig(const Config& config, const std::string& email);

// config.retention with the store's active self/admin subscribers added to its
// subscribers (their pending articles are kept, as the config's are).
Result<RetentionPolicy> RetentionFor(const Config& config, Store* store);

}  // namespace gpalert
