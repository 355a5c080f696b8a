#include "store/store.h"

namespace gpalert {

const char* OutboxStateName(OutboxState state) {
  switch (state) {
    case OutboxState::kPending:
      return "pending";
    case OutboxState::kSent:
      return "sent";
    case OutboxState::kParked:
      return "parked";
  }
  return "pending";
}

std::vector<Result<RecordOutcome>> Store::RecordArticles(const std::vector<NewArticle>& articles,
                                                         Instant now) {
  std::vector<Result<RecordOutcome>> out;
  out.reserve(articles.size());
  for (const NewArticle& a : articles) out.push_back(RecordArticle(a, now));
  return out;
}

Result<bool> Store::ClaimSource(const std::string&, const std::string&, const std::string&, Instant,
                                Instant, std::optional<Instant>) {
  return true;
}

Status Store::RenewLeases(const std::string&, Instant) { return Status::Ok(); }

Result<int> Store::CountLiveLeases(Instant) { return 0; }

Result<std::optional<int>> Store::TakeHostSlot(const std::string&, int, const std::string&,
                                               const std::string&, Instant, Instant) {
  return std::optional<int>(0);
}

Status Store::FreeHostSlot(const std::string&, int, const std::string&) { return Status::Ok(); }

Result<std::vector<HostSlot>> Store::ListHostSlots(Instant) { return std::vector<HostSlot>(); }

}  // namespace gpalert
