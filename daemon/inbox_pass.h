// InboxReader: one pass over the Maildir where the MTA delivers the list's mail
// ([mail] inbox_maildir, or `gpalert inbox --maildir DIR`). Delivery status
// notifications (daemon/inbox_message.h) are matched to their subscriber by the VERP
// address they came back to (alerts/mail/verp_address.h; [mail] bounce_address), else by
// their failed recipient: a hard bounce (5.x.x) twice in 14 days marks the subscriber
// bouncing (Store::RecordBounce), softer ones are counted; a VERP token we did not sign
// is reported and believed in nothing. A message whose subject is "subscribe" starts the
// double opt-in for its sender ([signup] must be on); "unsubscribe" unsubscribes it.
// Each processed message moves from new/ to cur/ with the Seen flag (":2,S"), never
// deleted; one that cannot be read stays in new/, is reported once and skipped by later
// passes of the same reader. A pass takes at most `max_messages` (oldest names first);
// the rest wait for the next one.
//
// Threads: the thread that owns `store` (the daemon's writer; the command's own).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <set>
#include <string>

#include "common/logger.h"
#include "common/status.h"
#include "common/time_format.h"
#include "daemon/config/config.h"
#include "store/store.h"

namespace gpalert {

struct InboxPassCounts {
  int processed = 0;  // moved to cur/
  int left = 0;       // left in new/ by this pass (unreadable, or could not be moved)
  int waiting = 0;    // in new/ past max_messages: for the next pass
  int queued = 0;     // confirmation mails queued ("subscribe" requests)
};

class InboxReader {
 public:
  // `report` gets one line per message ("<file>: what was done"), `left` true for one
  // left in new/. `store`, `logger` must outlive the reader.
  using Report = std::function<void(const std::string& line, bool left)>;
  InboxReader(std::string maildir, Store* store, Logger* logger, Report report);

  // Whether `maildir` has new/ and cur/; the error names it and says what to do.
  static Status CheckMaildir(const std::string& maildir);

  // One pass at `now` under `config` (its mail.unsubscribe_secret filled). It takes no
  // new message once `budget` (when given) has passed, so big files cannot hold the
  // thread long either; what is left counts as waiting. Fails when the Maildir cannot be
  // listed or the store fails (the message in hand stays in new/ and is tried again by
  // the next pass).
  Result<InboxPassCounts> Pass(const Config& config, Instant now, std::size_t max_messages,
                               std::optional<std::chrono::milliseconds> budget = std::nullopt);

 private:
  std::string maildir_;
  Store* store_;
  Logger* logger_;
  Report report_;
  std::set<std::string> skipped_;  // names left in new/ for good: not tried again
};

}  // namespace gpalert
