// SystemdNotifier: the daemon's side of systemd's notification protocol (sd_notify(3),
// from Debian's libsystemd): READY=1 once it serves, STATUS= lines, RELOADING=1 with
// MONOTONIC_USEC (as systemd 253 wants for Type=notify-reload) and READY=1 around a
// reload, STOPPING=1, and WATCHDOG=1 pings. Every call is a no-op when systemd did not ask
// for notifications ($NOTIFY_SOCKET unset). Any thread (sd_notify is thread-safe).
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace gpalert {

class SystemdNotifier {
 public:
  SystemdNotifier() = default;

  // Half of $WATCHDOG_USEC when systemd runs a watchdog on this process (the pace
  // sd_watchdog_enabled(3) recommends); nullopt otherwise.
  std::optional<std::chrono::microseconds> WatchdogInterval() const;

  void Ready() const;
  void Reloading() const;
  void Stopping() const;
  void Status(std::string_view line) const;
  void Watchdog() const;
};

}  // namespace gpalert
