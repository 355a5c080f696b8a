#include "alerts/mail/mailer.h"

namespace gpalert {

const char* SendOutcomeKindName(SendOutcome::Kind kind) {
  switch (kind) {
    case SendOutcome::Kind::kSent:
      return "sent";
    case SendOutcome::Kind::kRetryLater:
      return "retry-later";
    case SendOutcome::Kind::kPermanent:
      return "permanent";
    case SendOutcome::Kind::kTooBig:
      return "too-big";
    case SendOutcome::Kind::kCancelled:
      return "cancelled";
  }
  return "sent";
}

}  // namespace gpalert
