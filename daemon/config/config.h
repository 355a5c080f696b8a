// Config: the whole TOML configuration (main file + includes) as plain values, and
// the loader that validates it. Errors are "FILE:LINE:COL: message".
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "alerts/dedup/identity.h"
#include "alerts/mail/mail_options.h"
#include "alerts/subscriber.h"
#include "alerts/url_canonicalizer.h"
#include "common/status.h"
#include "daemon/config/signup_options.h"
#include "daemon/config/store_options.h"
#include "store/retention.h"

namespace gpalert {

enum class SourceType { kFeed, kPage };

struct SourceConfig {
  std::string name;
  std::string url;
  SourceType type = SourceType::kFeed;
  std::chrono::seconds interval{0};  // 0 = daemon.poll_interval
  std::vector<std::string> tags;
  std::optional<std::string> link_pattern;  // type = "page" only
  bool fetch_full = false;                  // fetch and extract each entry's page
  // An article this source already gave, shown again with its text changed beyond the
  // [dedup] threshold, is alerted once more, marked "updated" (false: recorded only).
  bool alert_updates = false;
  // The name readers see ("also in: ..."); the name when unset.
  std::optional<std::string> display_name;
  UrlRules canonical;  // `canonical.ignore_case`, `canonical.key`
};

// The name a reader sees for `source`.
inline const std::string& PublicName(const SourceConfig& source) {
  return source.display_name ? *source.display_name : source.name;
}

struct DaemonOptions {
  std::string state_dir = "/var/lib/gpalert";  // absolute after loading
  std::chrono::seconds poll_interval{30 * 60};
  std::chrono::seconds backfill{3 * 86400};
  std::string user_agent = "gpalert/0.1 (+https://github.com/gpalert/gpalert)";
  int concurrency = 64;  // transfers in flight overall
  int per_host = 2;      // transfers in flight per host
  std::chrono::seconds fetch_timeout{30};
  std::uint64_t max_body = 10 * 1000 * 1000;  // decompressed bytes
  // The budget of one page's parse and extraction (parsers/page/parse_budget.h): a page
  // over it fails alone, "page too complex", shown in `gpalert sources`.
  std::chrono::seconds max_page_cpu{5};
  int max_page_nodes = 300000;
  std::uint64_t max_page_memory = 192u << 20;  // bytes the HTML tree builder may hold
  std::optional<std::string> http_listen;      // "127.0.0.1:8086"
  std::string log_level = "info";
  std::string log_format = "text";  // or "json"; under systemd's journal: priority prefixes
  // What this daemon's source leases and outbox claims say (with its pid) when several
  // share a PostgreSQL store; the loader fills in the host name when not given.
  std::string name;
};

struct Config {
  std::string path;  // main file, absolute
  DaemonOptions daemon;
  MailOptions mail;
  // [retention]: outbox, articles, dedup; LoadConfig copies the [[subscribers]]
  // addresses into retention.subscribers (their pending articles are kept).
  RetentionPolicy retention;
  // [dedup]: threshold (near-duplicate similarity, 0 = exact keys only).
  IdentityOptions dedup;
  SignupOptions signup;  // [signup]: the daemon's sign-up form
  StoreOptions store;    // [store]: SQLite in state_dir (default) or a shared PostgreSQL
  std::vector<SourceConfig> sources;
  std::vector<Subscriber> subscribers;
  // "FILE:LINE:COL: warning: ..." for what is legal but surely not meant (a tag no source
  // has, a weekday on a daily digest, ...): printed by `check`, logged by `run`.
  std::vector<std::string> warnings;
};

// Loads and validates the main file and its includes. On error, the Status message is
// "FILE:LINE:COL: what is wrong" (and what to do), and the code kInvalidArgument.
Result<Config> LoadConfig(const std::string& path);

}  // namespace gpalert
