#include "daemon/systemd_notifier.h"

#include <fmt/format.h>
#include <systemd/sd-daemon.h>
#include <time.h>

#include <string>

namespace gpalert {
namespace {

void Notify(const std::string& state) { (void)sd_notify(0, state.c_str()); }

}  // namespace

std::optional<std::chrono::microseconds> SystemdNotifier::WatchdogInterval() const {
  uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return std::nullopt;
  return std::chrono::microseconds(usec / 2);
}

void SystemdNotifier::Ready() const { Notify("READY=1"); }

void SystemdNotifier::Reloading() const {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  auto usec = static_cast<unsigned long long>(now.tv_sec) * 1000000ULL +
              static_cast<unsigned long long>(now.tv_nsec) / 1000ULL;
  Notify(fmt::format("RELOADING=1\nMONOTONIC_USEC={}", usec));
}

void SystemdNotifier::Stopping() const { Notify("STOPPING=1"); }

void SystemdNotifier::Status(std::string_view line) const {
  // One line: a newline would start another assignment.
  std::string text(line);
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  Notify("STATUS=" + text);
}

void SystemdNotifier::Watchdog() const { Notify("WATCHDOG=1"); }

}  // namespace gpalert
