// DigestPass: for each subscriber of the roster (daemon/subscriber_roster.h: the config's
// and the store's active ones; not suppressed) whose digest is due,
// the pending articles that pass their filters, rendered into messages of at most
// mail.digest_max_articles articles and about mail.digest_max_bytes each (numbered parts
// when there are more), each committed with its deliveries in one transaction.
// DraftDigest is the same without the commit, for `gpalert preview`. Writer thread only
// (touches the store).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "common/logger.h"
#include "common/status.h"
#include "daemon/config/config.h"
#include "store/store.h"

namespace gpalert {

struct DigestDraft {
  std::vector<std::int64_t> article_ids;  // what the message lists, oldest first
  OutboxMessage message;                  // complete RFC 5322 bytes
};

// The digest `subscriber` would get at `now`, as its parts in order: empty when nothing
// pending matches. With `ignore_schedule`, a daily/weekly subscriber's next digest is
// drafted now.
Result<std::vector<DigestDraft>> DraftDigest(const Config& config, const Subscriber& subscriber,
                                             Store* store, Instant now, bool ignore_schedule);

// Commits every due digest. Returns how many were committed; a failure for one
// subscriber is logged and does not stop the others (the first is returned).
Result<int> RunDigestPass(const Config& config, Store* store, Logger* logger, Instant now);

}  // namespace gpalert
