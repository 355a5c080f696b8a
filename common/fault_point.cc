#include "common/fault_point.h"

#ifdef GPALERT_FAULT_POINTS

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <string>

namespace gpalert {

void FaultPoint(std::string_view name) noexcept {
  const char* armed = std::getenv("GPALERT_KILL_AT");
  if (armed == nullptr) return;
  std::string_view spec(armed);
  std::string_view point = spec.substr(0, spec.find(':'));
  if (point != name) return;
  long wanted = 1;
  if (auto colon = spec.find(':'); colon != std::string_view::npos)
    wanted = std::strtol(std::string(spec.substr(colon + 1)).c_str(), nullptr, 10);
  // Passes through the armed point; one point is armed per process.
  static std::atomic<long> passes{0};
  if (++passes == wanted) ::kill(::getpid(), SIGKILL);
}

}  // namespace gpalert

#endif  // GPALERT_FAULT_POINTS
