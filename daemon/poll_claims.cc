#include "daemon/poll_claims.h"

#include <utility>

#include "common/url.h"

namespace gpalert {

PollClaims::PollClaims(Store* store, std::string holder)
    : store_(store), holder_(std::move(holder)) {}

std::string PollClaims::HostOf(const std::string& url) { return OriginOf(url); }

Result<PollClaim> PollClaims::Claim(const std::string& source, const std::string& url,
                                    const std::string& host, int per_host, Instant now,
                                    Instant until, std::optional<Instant> polled_before) {
  if (!store_->Shared()) return PollClaim::kPoll;
  auto slot = store_->TakeHostSlot(host, per_host, holder_, source, now, until);
  if (!slot.ok()) return slot.status();
  if (!*slot) return PollClaim::kLater;
  auto leased = store_->ClaimSource(source, url, holder_, now, until, polled_before);
  if (!leased.ok() || !*leased) {
    Status freed = store_->FreeHostSlot(host, **slot, holder_);
    if (!leased.ok()) return leased.status();
    if (!freed.ok()) return freed;
    return PollClaim::kSkip;
  }
  held_[source] = Held{host, **slot};
  return PollClaim::kPoll;
}

Status PollClaims::Release(const std::string& source, std::optional<std::string>* freed) {
  freed->reset();
  auto it = held_.find(source);
  if (it == held_.end()) return Status::Ok();
  Held held = std::move(it->second);
  held_.erase(it);
  Status s = store_->FreeHostSlot(held.host, held.slot, holder_);
  *freed = std::move(held.host);
  return s;
}

}  // namespace gpalert
