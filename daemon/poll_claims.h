// PollClaims: what a daemon on a shared store (several daemons, one PostgreSQL) takes
// before it polls a source, and gives back after: a poll slot of the source's host
// (per-host politeness across daemons: at most [daemon] per_host polls of one host at
// once, whichever daemons run them) and the lease on the source itself (one daemon polls
// it). On a store that is not Shared() every claim is granted and nothing is kept.
//
// Owns the slots its daemon holds (source -> host, slot). Writer thread only (it calls
// the store).
#pragma once

#include <map>
#include <optional>
#include <string>

#include "common/status.h"
#include "common/time_format.h"
#include "store/store.h"

namespace gpalert {

enum class PollClaim {
  kPoll,   // both taken: poll it now
  kSkip,   // another daemon polls it (or did, this once-round), or it is not due: leave it
  kLater,  // its host's slots are all held: ask again when one may be free
};

class PollClaims {
 public:
  // `store` must outlive this. `holder` is what the claims say (LeaseHolder()).
  PollClaims(Store* store, std::string holder);

  // The slot of `host` (HostOf(url)) first (a busy host costs no lease), then the lease; a
  // refused lease gives the slot back. `polled_before`: a once-mode round's start
  // (Store::ClaimSource).
  Result<PollClaim> Claim(const std::string& source, const std::string& url,
                          const std::string& host, int per_host, Instant now, Instant until,
                          std::optional<Instant> polled_before);
  // After the poll of `source` ended: its slot back (the lease ended with PutSource).
  // `*freed` becomes the slot's host key when it held one. A failure leaves the slot to
  // run out ([store] lease after its last renewal).
  Status Release(const std::string& source, std::optional<std::string>* freed);

  // How polls are grouped per host: the origin (scheme, host, port), as the fetcher does.
  static std::string HostOf(const std::string& url);

 private:
  struct Held {
    std::string host;
    int slot = 0;
  };
  Store* store_;
  std::string holder_;
  std::map<std::string, Held> held_;  // by source name
};

}  // namespace gpalert
