// RestartOnlyChanges: which settings differ between the running config and a reloaded
// one but take effect only at the next start (they built the fetcher, the logger, the
// store connection or the HTTP listener), so that a SIGHUP says so instead of silently
// keeping the old values. Pure function; any thread.
#pragma once

#include <string>
#include <vector>

#include "daemon/config/config.h"

namespace gpalert {

// The changed keys, each as the config spells it ("[daemon] concurrency"), in the order
// the config reference lists them; empty when a reload applies everything.
std::vector<std::string> RestartOnlyChanges(const Config& running, const Config& fresh);

}  // namespace gpalert
