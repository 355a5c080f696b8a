#include "daemon/config/restart_keys.h"

namespace gpalert {

std::vector<std::string> RestartOnlyChanges(const Config& running, const Config& fresh) {
  std::vector<std::string> changed;
  auto check = [&](bool differs, const char* key) {
    if (differs) changed.emplace_back(key);
  };
  const DaemonOptions& a = running.daemon;
  const DaemonOptions& b = fresh.daemon;
  check(a.state_dir != b.state_dir, "[daemon] state_dir");
  check(a.name != b.name, "[daemon] name");
  check(a.user_agent != b.user_agent, "[daemon] user_agent");
  check(a.concurrency != b.concurrency, "[daemon] concurrency");
  check(a.per_host != b.per_host, "[daemon] per_host");
  check(a.http_listen != b.http_listen, "[daemon] http_listen");
  check(a.log_level != b.log_level, "[daemon] log_level");
  check(a.log_format != b.log_format, "[daemon] log_format");
  check(running.store.url != fresh.store.url, "[store] url");
  check(running.store.password_file != fresh.store.password_file, "[store] password_file");
  return changed;
}

}  // namespace gpalert
