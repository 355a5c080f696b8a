#include "common/fault_point.h"

#ifdef GPALERT_FAULT_POINTS

#include <signal.h>
#include <unistd.h>

#include <cstdlib>

namespace gpalert {

void FaultPoint(std::string_view name) noexcept {
  const char* armed = std::getenv("GPALERT_KILL_AT");
  if (armed != nullptr && name == armed) ::kill(::getpid(), SIGKILL);
  const char* hang = std::getenv("GPALERT_HANG_AT");
  if (hang != nullptr && name == hang) {
    for (;;) ::pause();  // a wedged thread: only a signal's default action ends it
  }
}

}  // namespace gpalert

#endif  // GPALERT_FAULT_POINTS
