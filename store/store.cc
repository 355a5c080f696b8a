#include "store/store.h"

namespace gpalert {

const char* OutboxStateName(OutboxState state) {
  switch (state) {
    case OutboxState::kPending: return "pending";
    case OutboxState::kSent: return "sent";
    case OutboxState::kParked: return "parked";
  }
  return "pending";
}

}  // namespace gpalert
