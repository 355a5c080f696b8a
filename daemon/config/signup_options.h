// SignupOptions: the [signup] section of the config — whether the daemon's HTTP endpoint
// serves the double opt-in sign-up form (GET/POST /subscribe) and its limits. Plain
// options; the config loader fills them, the HTTP endpoint reads a copy.
#pragma once

#include <chrono>

namespace gpalert {

struct SignupOptions {
  bool enabled = false;  // needs [daemon] http_listen and [mail] public_url
  // A confirmation link works this long after it was mailed.
  std::chrono::seconds confirm_within{7 * 86400};
  // Sign-up posts one client address may make per minute (429 beyond).
  int per_client_per_minute = 5;
};

}  // namespace gpalert
