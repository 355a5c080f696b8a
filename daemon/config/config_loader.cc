// LoadConfig: reads the main TOML file and its includes into a Config, validating
// every value and locating every error as "FILE:LINE:COL: message".
#include <date/tz.h>
#include <fmt/format.h>
#include <glob.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>
#include <utility>

#include "alerts/mail/mailer_factory.h"
#include "alerts/mail/mime_mailbox.h"
#include "alerts/matcher.h"
#include "alerts/url_canonicalizer.h"
#include "common/catch_all.h"
#include "common/duration.h"
#include "common/logger.h"
#include "common/regex.h"
#include "common/strings.h"
#include "common/url.h"
#include "daemon/config/config.h"
#include "daemon/config/config_bounces.h"
#include "daemon/config/config_signup.h"
#include "daemon/config/config_store.h"
#include "daemon/config/config_table_reader.h"
#include "daemon/config/subscriber_fields.h"

namespace gpalert {
namespace {

// Records `key`'s value under `id` in *seen (id -> where it was first defined); a second
// one fails at the key with both locations. `shown` is the value as the user wrote it.
void ClaimUnique(ConfigTableReader& r, std::string_view key, const std::string& id,
                 std::map<std::string, std::string>* seen, std::string_view what,
                 std::string_view hint, std::string_view shown = {}) {
  auto [it, inserted] = seen->emplace(id, r.LocationOf(key));
  if (inserted) return;
  r.FailAt(*r.Find(key),
           fmt::format("duplicate {} \"{}\" (first defined at {}; {})", what,
                       shown.empty() ? std::string_view(id) : shown, it->second, hint));
}

namespace fs = std::filesystem;

constexpr int kMaxIncludeDepth = 8;
constexpr std::size_t kMaxErrors = 50;
constexpr std::uintmax_t kMaxConfigBytes = 4 * 1024 * 1024;
// Owns a glob_t filled by glob(3).
class GlobResult {
 public:
  GlobResult() = default;
  GlobResult(const GlobResult&) = delete;
  GlobResult& operator=(const GlobResult&) = delete;
  ~GlobResult() { globfree(&g_); }
  glob_t* get() { return &g_; }

 private:
  glob_t g_{};
};

bool ParseStartTls(std::string_view s, StartTls* out) {
  if (s == "opportunistic")
    *out = StartTls::kOpportunistic;
  else if (s == "required")
    *out = StartTls::kRequired;
  else if (s == "off")
    *out = StartTls::kOff;
  else
    return false;
  return true;
}

bool ParseSourceType(std::string_view s, SourceType* out) {
  if (s == "feed")
    *out = SourceType::kFeed;
  else if (s == "page")
    *out = SourceType::kPage;
  else
    return false;
  return true;
}

bool IsLogLevel(std::string_view s, std::string* out) {
  LogLevel level;
  if (!ParseLogLevel(s, &level)) return false;
  *out = std::string(s);
  return true;
}

bool IsLogFormat(std::string_view s, std::string* out) {
  LogFormat format;
  if (!ParseLogFormat(s, &format)) return false;
  *out = std::string(s);
  return true;
}

// Only {count}, {sources} and {date} may appear in the subject template.
std::string UnknownSubjectPlaceholder(std::string_view subject) {
  for (size_t open = subject.find('{'); open != std::string_view::npos;
       open = subject.find('{', open + 1)) {
    size_t close = subject.find('}', open);
    if (close == std::string_view::npos) return std::string(subject.substr(open));
    std::string_view name = subject.substr(open, close - open + 1);
    if (name != "{count}" && name != "{sources}" && name != "{date}") return std::string(name);
  }
  return "";
}

bool IsHostPort(std::string_view s) {
  auto colon = s.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == s.size()) return false;
  int port = 0;
  for (char c : s.substr(colon + 1)) {
    if (c < '0' || c > '9') return false;
    port = port * 10 + (c - '0');
    if (port > 65535) return false;
  }
  return true;
}

// "127.0.0.1:8086", "[::1]:80", "localhost:8086".
bool IsLoopbackHostPort(std::string_view s) {
  std::string_view host = s.substr(0, s.rfind(':'));
  return host == "localhost" || host == "[::1]" || host.substr(0, 4) == "127.";
}

class ConfigLoader {
 public:
  Result<Config> Load(const std::string& path);

 private:
  Status LoadFile(const std::string& file, int depth);
  Status ReadIncludes(ConfigTableReader& top, const std::string& file, int depth);
  Status ReadDaemon(const std::string& file, const toml::table& table);
  Status ReadMail(const std::string& file, const toml::table& table);
  Status ReadRetention(const std::string& file, const toml::table& table);
  Status ReadDedup(const std::string& file, const toml::table& table);
  // A source's `canonical` table: ignore_case and key (parameter-name lists).
  Status ReadCanonicalRules(const ConfigTableReader& source, UrlRules* rules);
  Status ReadSignup(const std::string& file, const toml::table& table) {
    ConfigTableReader r(file, table, "[signup]");
    return ReadSignupTable(r, &config_.signup, &signup_at_);  // daemon/config/config_signup.h
  }
  Status ReadStore(const std::string& file, const toml::table& table) {
    ConfigTableReader r(file, table, "[store]");
    return ReadStoreTable(r, config_dir_, &config_.store);  // daemon/config/config_store.h
  }
  Status ReadSource(const std::string& file, const toml::table& table);
  Status ReadSubscriber(const std::string& file, const toml::table& table);
  Status ReadArrayOfTables(ConfigTableReader& top, std::string_view key,
                           Status (ConfigLoader::*read)(const std::string&, const toml::table&));
  void CheckSubscriberSources();
  // Records a table's first error and carries on with the next table, so that one pass
  // reports them all (up to kMaxErrors).
  void Note(const Status& s);
  // Legal but surely not what was meant: printed by `gpalert check`, logged at start.
  void Warn(std::string where, std::string what);
  void CollectWarnings();

  Config config_;
  std::string signup_at_;  // where [signup] enabled = true is
  std::vector<std::string> errors_;
  struct SourceUrl {
    std::string location;
    std::string name;
  };
  std::map<std::string, SourceUrl> source_urls_;  // canonical URL → first source with it
  std::set<std::string> source_tags_;             // every tag some source has
  fs::path config_dir_;
  std::set<fs::path> loaded_;                         // canonical paths, against include loops
  std::map<std::string, std::string> source_at_;      // source name → its location
  std::map<std::string, std::string> subscriber_at_;  // lower-cased email → its location
  struct SourceReference {
    std::string location;
    std::string name;
  };
  std::vector<SourceReference> source_references_;  // subscribers' `sources` entries
  std::vector<SourceReference> tag_references_;     // subscribers' `tags` entries
};

Result<Config> ConfigLoader::Load(const std::string& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  if (ec) return Status::InvalidArgument(fmt::format("{}: {}", path, ec.message()));
  config_.path = absolute.lexically_normal().string();
  config_dir_ = absolute.parent_path();
  Note(LoadFile(path, 0));
  if (!config_.mail.smtp) {
    config_.mail.maildir = (fs::path(config_.daemon.state_dir) / "maildir").string();
  }
  // Cross-references only when every table read: a source that failed to read would be
  // reported again as "unknown" by each subscriber naming it.
  if (errors_.empty()) CheckSubscriberSources();
  if (errors_.empty()) Note(CheckSignup(config_, signup_at_));
  if (!errors_.empty()) {
    std::string all = errors_.front();
    for (std::size_t i = 1; i < errors_.size(); ++i) all += "\n" + errors_[i];
    if (errors_.size() >= kMaxErrors) all += fmt::format("\n(stopped after {} errors)", kMaxErrors);
    return Status::InvalidArgument(all);
  }
  CollectWarnings();
  for (const Subscriber& sub : config_.subscribers) {
    config_.retention.subscribers.push_back(sub.email);
  }
  if (config_.daemon.name.empty()) {
    char host[256] = {0};
    config_.daemon.name =
        ::gethostname(host, sizeof host - 1) == 0 && host[0] != '\0' ? host : "gpalert";
  }
  return std::move(config_);
}

void ConfigLoader::CollectWarnings() {
  for (const SourceReference& ref : tag_references_) {
    if (source_tags_.count(ref.name)) continue;
    Warn(ref.location,
         fmt::format("no source has the tag \"{}\": this filter matches nothing", ref.name));
  }
}

void ConfigLoader::Note(const Status& s) {
  if (!s.ok() && errors_.size() < kMaxErrors) errors_.push_back(s.message());
}

void ConfigLoader::Warn(std::string where, std::string what) {
  config_.warnings.push_back(fmt::format("{}: warning: {}", where, what));
}

Status ConfigLoader::LoadFile(const std::string& file, int depth) {
  std::error_code ec;
  fs::path canonical = fs::canonical(file, ec);
  if (ec)
    return Status::InvalidArgument(
        fmt::format("{}: cannot read the config: {}", file, ec.message()));
  if (!fs::is_regular_file(canonical, ec)) {
    return Status::InvalidArgument(
        fmt::format("{}: not a regular file (give the path of a TOML config)", file));
  }
  if (fs::file_size(canonical, ec) > kMaxConfigBytes) {
    return Status::InvalidArgument(fmt::format(
        "{}: larger than {} bytes; is this really a config file?", file, kMaxConfigBytes));
  }
  if (::access(canonical.c_str(), R_OK) != 0) {
    return Status::InvalidArgument(
        fmt::format("{}: cannot read the config: permission denied", file));
  }
  if (!loaded_.insert(canonical).second) {
    return Status::InvalidArgument(
        fmt::format("{}:1:1: this file is included twice (check the include patterns)", file));
  }
  toml::table root;
  try {
    root = toml::parse_file(file);
  } catch (const toml::parse_error& e) {
    return Status::InvalidArgument(
        fmt::format("{}: {}", ConfigLocation(file, e.source()), e.description()));
  }
  const bool main_file = depth == 0;
  ConfigTableReader top(file, root, main_file ? "the config" : "an included file");
  if (main_file) {
    top.CheckKeys({"include", "daemon", "mail", "retention", "dedup", "signup", "store", "sources",
                   "subscribers"});
  } else {
    top.CheckKeys({"include", "sources", "subscribers"});
  }
  Note(top.status());  // an unknown top-level key; the known ones are still read
  using ReadSection = Status (ConfigLoader::*)(const std::string&, const toml::table&);
  const std::pair<std::string_view, ReadSection> sections[] = {
      {"daemon", &ConfigLoader::ReadDaemon},       {"mail", &ConfigLoader::ReadMail},
      {"retention", &ConfigLoader::ReadRetention}, {"dedup", &ConfigLoader::ReadDedup},
      {"signup", &ConfigLoader::ReadSignup},       {"store", &ConfigLoader::ReadStore}};
  for (const auto& [section, read] : sections) {
    const toml::node* node = main_file ? top.Find(section) : nullptr;  // else: unknown keys
    if (!node) continue;
    if (!node->is_table()) {
      ConfigTableReader at(file, root, "the config");
      at.FailAt(*node, fmt::format("\"{}\" must be a table ([{}])", section, section));
      Note(at.status());
      continue;
    }
    Note((this->*read)(file, *node->as_table()));
  }
  Note(ReadArrayOfTables(top, "sources", &ConfigLoader::ReadSource));
  Note(ReadArrayOfTables(top, "subscribers", &ConfigLoader::ReadSubscriber));
  return ReadIncludes(top, file, depth);
}

Status ConfigLoader::ReadIncludes(ConfigTableReader& top, const std::string& file, int depth) {
  std::vector<std::string> patterns;
  ConfigTableReader include(file, top.table(), "the config");
  include.StringList("include", &patterns);
  if (!include.ok()) return include.status();
  if (patterns.empty()) return Status::Ok();
  std::string where = include.LocationOf("include");
  if (depth + 1 > kMaxIncludeDepth) {
    return Status::InvalidArgument(
        fmt::format("{}: includes nest deeper than {} files (is a file including itself?)", where,
                    kMaxIncludeDepth));
  }
  fs::path dir = fs::path(file).parent_path();
  for (const std::string& pattern : patterns) {
    fs::path full = fs::path(pattern).is_absolute() ? fs::path(pattern) : dir / pattern;
    GlobResult g;
    int rc = glob(full.c_str(), 0, nullptr, g.get());
    if (rc == GLOB_NOMATCH) continue;
    if (rc != 0) {
      return Status::InvalidArgument(fmt::format(
          "{}: cannot expand include \"{}\" (check that the folder exists and is readable)", where,
          pattern));
    }
    for (size_t i = 0; i < g.get()->gl_pathc; ++i) {
      std::string included = g.get()->gl_pathv[i];
      std::error_code kind_error;
      // "sources.d/*" may match folders; a symlink loop or a dangling link is reported
      // by LoadFile with the file's name (never thrown: std::filesystem's throwing
      // overloads would take the whole config, or a running daemon's reload, down).
      if (fs::is_directory(included, kind_error)) continue;
      std::size_t before = errors_.size();
      Status s = LoadFile(included, depth + 1);
      Note(s);
      // Say where each error of that file (and of what it includes) was included from.
      for (std::size_t i = before; i < errors_.size(); ++i)
        errors_[i] += fmt::format(" (included from {})", where);
    }
  }
  return Status::Ok();
}

Status ConfigLoader::ReadArrayOfTables(ConfigTableReader& top, std::string_view key,
                                       Status (ConfigLoader::*read)(const std::string&,
                                                                    const toml::table&)) {
  const toml::node* node = top.Find(key);
  if (!node) return Status::Ok();
  if (!node->is_array_of_tables()) {
    top.FailAt(*node,
               fmt::format("\"{}\" must be an array of tables (write [[{}]] sections)", key, key));
    return top.status();
  }
  for (const toml::node& item : *node->as_array())
    Note((this->*read)(top.file(), *item.as_table()));
  return Status::Ok();
}

Status ConfigLoader::ReadDaemon(const std::string& file, const toml::table& table) {
  ConfigTableReader r(file, table, "[daemon]");
  r.CheckKeys({"state_dir", "poll_interval", "backfill", "user_agent", "concurrency", "per_host",
               "fetch_timeout", "max_body", "max_page_cpu", "max_page_nodes", "max_page_memory",
               "http_listen", "log_level", "log_format", "name"});
  DaemonOptions& d = config_.daemon;
  r.String("name", &d.name);
  if (r.ok() && r.Find("name") &&
      (d.name.empty() || d.name.size() > 64 || HasControlChar(d.name) ||
       d.name.find('/') != std::string::npos)) {
    r.FailAt(*r.Find("name"),
             "[daemon] name must be 1 to 64 characters without '/' or control "
             "characters (it names this daemon's leases; default: the host name)");
  }
  r.String("state_dir", &d.state_dir);
  if (r.ok() && d.state_dir.empty())
    r.FailAt(*r.Find("state_dir"), "\"state_dir\" is empty (give a folder)");
  d.state_dir = (config_dir_ / d.state_dir).lexically_normal().string();
  r.Duration("poll_interval", &d.poll_interval);
  if (r.ok() && r.Find("poll_interval") && d.poll_interval < std::chrono::minutes(1)) {
    Warn(r.LocationOf("poll_interval"),
         fmt::format("sources are polled every {} s; most sites take polling more often than "
                     "every few minutes as abuse",
                     d.poll_interval.count()));
  }
  r.Duration("backfill", &d.backfill, /*allow_zero=*/true);
  r.String("user_agent", &d.user_agent);
  if (r.ok() && (d.user_agent.empty() || HasControlChar(d.user_agent))) {
    r.FailAt(*r.Find("user_agent"), "\"user_agent\" must be non-empty printable text");
  }
  r.Int("concurrency", &d.concurrency, 1, 10000);
  r.Int("per_host", &d.per_host, 1, 1000);
  r.Duration("fetch_timeout", &d.fetch_timeout);
  r.ByteSize("max_body", &d.max_body);
  if (r.ok() && d.max_body == 0)
    r.FailAt(*r.Find("max_body"), "\"max_body\" must be larger than zero");
  r.Duration("max_page_cpu", &d.max_page_cpu);
  r.Int("max_page_nodes", &d.max_page_nodes, 1000, 100000000);
  r.ByteSize("max_page_memory", &d.max_page_memory);
  if (r.ok() && d.max_page_memory < (1u << 20))
    r.FailAt(*r.Find("max_page_memory"), "\"max_page_memory\" must be at least 1MiB");
  r.OptionalString("http_listen", &d.http_listen);
  if (r.ok() && d.http_listen && !IsHostPort(*d.http_listen)) {
    r.FailAt(*r.Find("http_listen"),
             fmt::format("bad \"http_listen\" \"{}\" (use HOST:PORT, e.g. \"127.0.0.1:8086\")",
                         *d.http_listen));
  }
  if (r.ok() && d.http_listen && !IsLoopbackHostPort(*d.http_listen)) {
    Warn(r.LocationOf("http_listen"),
         fmt::format("\"http_listen\" {} is reachable from other machines and the endpoint has "
                     "no authentication (its /metrics name sources): listen on 127.0.0.1 behind "
                     "your TLS proxy",
                     *d.http_listen));
  }
  r.Parsed("log_level", &d.log_level, IsLogLevel, "use debug, info, warn, error or off");
  r.Parsed("log_format", &d.log_format, IsLogFormat, "use text or json");
  return r.status();
}

Status ConfigLoader::ReadMail(const std::string& file, const toml::table& table) {
  ConfigTableReader r(file, table, "[mail]");
  r.CheckKeys({"from", "smtp", "username", "password_file", "starttls", "subject",
               "unsubscribe_url", "timeout", "digest_max_articles", "digest_max_size",
               "summary_chars", "max_full_text_size", "public_url", "bounce_address",
               "inbox_maildir", "inbox_interval", "inbox_batch"});
  MailOptions& m = config_.mail;
  r.String("from", &m.from);
  if (r.ok() && r.Find("from")) {
    auto box = ParseMailbox(m.from);
    if (!box.ok()) r.FailAt(*r.Find("from"), fmt::format("\"from\": {}", box.status().message()));
  }
  r.OptionalString("smtp", &m.smtp);
  if (r.ok() && m.smtp) {
    UrlParts p = SplitUrl(*m.smtp);
    std::string authority = p.authority.value_or("");
    std::size_t at = authority.rfind('@');
    if (at != std::string::npos && authority.substr(0, at).find(':') != std::string::npos) {
      // Not echoed back: the point is that this URL must not appear anywhere.
      r.FailAt(*r.Find("smtp"),
               "\"smtp\" holds a password (USER:PASSWORD@ in the URL), which would show in logs "
               "and `gpalert check`: remove it, set \"username\", and put the password on the "
               "first line of a file named by \"password_file\" (mode 0600)");
    } else if ((p.scheme != "smtp" && p.scheme != "smtps") || p.host().empty()) {
      r.FailAt(*r.Find("smtp"),
               fmt::format("bad \"smtp\" \"{}\" (use smtp://HOST:PORT or smtps://HOST:PORT, "
                           "or remove it to write into the Maildir)",
                           *m.smtp));
    }
  }
  r.OptionalString("username", &m.username);
  r.OptionalString("password_file", &m.password_file);
  if (r.ok() && m.password_file) {
    fs::path p = (config_dir_ / *m.password_file).lexically_normal();
    if (::access(p.c_str(), R_OK) != 0) {
      r.FailAt(*r.Find("password_file"), fmt::format("cannot read password_file \"{}\" (create it "
                                                     "with the SMTP password on its first line)",
                                                     p.string()));
    }
    m.password_file = p.string();
  }
  r.Parsed("starttls", &m.starttls, ParseStartTls,
           "use \"required\", \"opportunistic\" or \"off\"");
  r.Duration("timeout", &m.send_timeout);
  int max_articles = static_cast<int>(m.digest_max_articles);
  r.Int("digest_max_articles", &max_articles, 1, 100000);
  m.digest_max_articles = static_cast<std::size_t>(max_articles);
  std::uint64_t max_size = m.digest_max_bytes;
  r.ByteSize("digest_max_size", &max_size);
  if (r.ok() && r.Find("digest_max_size") && max_size < 16 * 1000) {
    r.FailAt(*r.Find("digest_max_size"), "\"digest_max_size\" must be at least 16KB");
  }
  m.digest_max_bytes = static_cast<std::size_t>(max_size);
  int summary_chars = static_cast<int>(m.summary_chars);
  r.Int("summary_chars", &summary_chars, 20, static_cast<int>(kMaxSummaryChars));
  m.summary_chars = static_cast<std::size_t>(summary_chars);
  std::uint64_t full_text = m.max_full_text_bytes;
  r.ByteSize("max_full_text_size", &full_text);
  if (r.ok() && r.Find("max_full_text_size") && full_text > m.digest_max_bytes) {
    r.FailAt(*r.Find("max_full_text_size"),
             fmt::format("\"max_full_text_size\" ({} bytes) is more than \"digest_max_size\" ({} "
                         "bytes): a digest could never hold it; lower it or raise digest_max_size",
                         full_text, m.digest_max_bytes));
  }
  m.max_full_text_bytes = static_cast<std::size_t>(full_text);
  r.String("subject", &m.subject);
  if (r.ok()) {
    std::string unknown = UnknownSubjectPlaceholder(m.subject);
    if (!unknown.empty()) {
      r.FailAt(*r.Find("subject"),
               fmt::format("unknown placeholder \"{}\" in \"subject\" (use {{count}}, "
                           "{{sources}} and {{date}})",
                           unknown));
    } else if (HasControlChar(m.subject)) {
      r.FailAt(*r.Find("subject"), "\"subject\" must not contain control characters");
    }
  }
  r.OptionalString("unsubscribe_url", &m.unsubscribe_url);
  if (r.ok() && m.unsubscribe_url &&
      (!IsHttpUrl(*m.unsubscribe_url) || m.unsubscribe_url->size() > 500 ||
       m.unsubscribe_url->find_first_of(" <>\"") != std::string::npos ||
       HasControlChar(*m.unsubscribe_url))) {
    r.FailAt(*r.Find("unsubscribe_url"),
             fmt::format("\"unsubscribe_url\" \"{}\" must be an http:// or https:// URL (at most "
                         "500 characters, "
                         "no spaces, quotes or angle brackets)",
                         *m.unsubscribe_url));
  }
  ReadPublicUrl(r, &m);
  ReadBounceKeys(r, config_dir_, &m, &config_.warnings);
  if (r.ok() && m.unsubscribe_url && !StartsWithIgnoreCase(*m.unsubscribe_url, "https://")) {
    Warn(r.LocationOf("unsubscribe_url"),
         "one-click unsubscribe (RFC 8058 List-Unsubscribe-Post) is off: \"unsubscribe_url\" "
         "is not https://, and Gmail and Yahoo require it of bulk senders");
  }
  if (r.ok() && m.smtp) {
    // What `run` would refuse when it builds the mailer, refused here already (the
    // password file is read, never printed).
    Result<SmtpMailerOptions> smtp = SmtpOptionsFromMailOptions(m);
    if (!smtp.ok()) {
      const std::string& why = smtp.status().message();
      std::string_view key = why.rfind("mail.from", 0) == 0            ? "from"
                             : why.rfind("mail.username", 0) == 0      ? "username"
                             : why.rfind("mail.password_file", 0) == 0 ? "password_file"
                                                                       : "smtp";
      const toml::node* at = r.Find(key);
      if (at) {
        r.FailAt(*at, why);
      } else {
        r.FailAt(table.source(), why);
      }
    }
  }
  return r.status();
}

Status ConfigLoader::ReadRetention(const std::string& file, const toml::table& table) {
  ConfigTableReader r(file, table, "[retention]");
  r.CheckKeys({"outbox", "articles", "dedup"});
  RetentionPolicy& p = config_.retention;
  r.Duration("outbox", &p.outbox);
  r.Duration("articles", &p.articles);
  r.Duration("dedup", &p.dedup);
  if (r.ok() && p.dedup < p.articles) {
    // At the key the admin wrote last: dedup when given, else articles.
    const toml::node* at = r.Find("dedup") ? r.Find("dedup") : r.Find("articles");
    r.FailAt(*at, fmt::format("\"dedup\" ({}) is shorter than \"articles\" ({}): a pruned "
                              "article's dedup keys must outlive it, or a feed that still lists "
                              "the item alerts it again (make dedup at least as long)",
                              FormatDuration(p.dedup), FormatDuration(p.articles)));
  }
  return r.status();
}

Status ConfigLoader::ReadDedup(const std::string& file, const toml::table& table) {
  ConfigTableReader r(file, table, "[dedup]");
  r.CheckKeys({"threshold"});
  r.Number("threshold", &config_.dedup.threshold, 0.0, 1.0);
  if (r.ok() && r.Find("threshold") && config_.dedup.threshold > 0 &&
      config_.dedup.threshold < 0.3) {
    Warn(r.LocationOf("threshold"),
         fmt::format("[dedup] threshold {} is low: different articles that share stock phrases "
                     "may be merged (0.5 is the default; `gpalert similar` shows a pair's score)",
                     config_.dedup.threshold));
  }
  return r.status();
}

Status ConfigLoader::ReadCanonicalRules(const ConfigTableReader& source, UrlRules* rules) {
  const toml::node* node = source.Find("canonical");
  if (!node) return Status::Ok();
  ConfigTableReader r(source.file(), source.table(), "[[sources]]");
  if (!node->is_table()) {
    r.FailAt(*node,
             "\"canonical\" must be a table: canonical.ignore_case = [\"url\"], "
             "canonical.key = [\"recordNo\"]");
    return r.status();
  }
  ConfigTableReader c(source.file(), *node->as_table(), "canonical");
  c.CheckKeys({"ignore_case", "key"});
  c.StringList("ignore_case", &rules->ignore_case);
  c.StringList("key", &rules->key);
  return c.status();
}

Status ConfigLoader::ReadSource(const std::string& file, const toml::table& table) {
  ConfigTableReader r(file, table, "[[sources]]");
  r.CheckKeys({"name", "url", "type", "interval", "tags", "link_pattern", "fetch_full",
               "display_name", "canonical", "alert_updates"});
  r.Require("name", "\"Pakistan Reader\"");
  r.Require("url", "\"https://example.org/feed.xml\"");
  SourceConfig src;
  r.String("name", &src.name);
  if (r.ok() && (TrimAscii(src.name).empty() || HasControlChar(src.name))) {
    r.FailAt(*r.Find("name"), "source \"name\" must be non-empty printable text");
  }
  if (r.ok()) ClaimUnique(r, "name", src.name, &source_at_, "source name", "names must be unique");
  r.String("url", &src.url);
  if (r.ok() && !IsHttpUrl(src.url)) {
    r.FailAt(*r.Find("url"),
             fmt::format("source url \"{}\" must be an absolute http:// or https:// URL", src.url));
  }
  r.Parsed("type", &src.type, ParseSourceType, "use \"feed\" or \"page\"");
  r.Duration("interval", &src.interval);
  r.StringList("tags", &src.tags);
  r.OptionalString("link_pattern", &src.link_pattern);
  if (r.ok() && src.link_pattern) {
    if (src.type != SourceType::kPage) {
      r.FailAt(*r.Find("link_pattern"), "\"link_pattern\" applies only to type = \"page\" sources");
    } else {
      Result<Regex> re = Regex::Compile(*src.link_pattern);
      if (!re.ok()) {
        r.FailAt(*r.Find("link_pattern"),
                 fmt::format("bad \"link_pattern\" regex \"{}\": {} (RE2 syntax: "
                             "https://github.com/google/re2/wiki/Syntax)",
                             *src.link_pattern, re.status().message()));
      }
    }
  }
  r.Bool("fetch_full", &src.fetch_full);
  r.Bool("alert_updates", &src.alert_updates);
  r.OptionalString("display_name", &src.display_name);
  if (r.ok() && src.display_name &&
      (TrimAscii(*src.display_name).empty() || HasControlChar(*src.display_name))) {
    r.FailAt(*r.Find("display_name"), "source \"display_name\" must be non-empty printable text");
  }
  if (!r.ok()) return r.status();
  Status canonical = ReadCanonicalRules(r, &src.canonical);
  if (!canonical.ok()) return canonical;
  if (r.Find("interval") && src.interval < std::chrono::minutes(1)) {
    Warn(r.LocationOf("interval"),
         fmt::format("source \"{}\" is polled every {} s; most sites take polling more often "
                     "than every few minutes as abuse",
                     src.name, src.interval.count()));
  }
  std::string same = CanonicalizeUrl(src.url);
  if (auto [it, first] = source_urls_.emplace(same, SourceUrl{r.LocationOf("url"), src.name});
      !first) {
    Warn(r.LocationOf("url"), fmt::format("source \"{}\" has the same URL as source \"{}\" "
                                          "(at {}): it is fetched twice",
                                          src.name, it->second.name, it->second.location));
  }
  for (const std::string& tag : src.tags) source_tags_.insert(tag);
  config_.sources.push_back(std::move(src));
  return Status::Ok();
}

Status ConfigLoader::ReadSubscriber(const std::string& file, const toml::table& table) {
  ConfigTableReader r(file, table, "[[subscribers]]");
  r.CheckKeys({"email", "name", "digest", "at", "weekday", "timezone", "sources", "tags",
               "keywords", "content"});
  r.Require("email", "\"reader@example.org\"");
  Subscriber sub;
  r.String("email", &sub.email);
  if (r.ok()) {
    Status s = CheckAddrSpec(sub.email);
    if (!s.ok()) r.FailAt(*r.Find("email"), s.message());
  }
  if (r.ok()) {
    ClaimUnique(r, "email", AsciiLower(sub.email), &subscriber_at_, "subscriber",
                "merge the two entries", sub.email);
  }
  r.String("name", &sub.name);
  if (r.ok() && HasControlChar(sub.name))
    r.FailAt(*r.Find("name"), "subscriber \"name\" must be printable text");
  r.Parsed("digest", &sub.digest, ParseDigestSchedule,
           "use \"immediate\", \"daily\" or \"weekly\"");
  r.Parsed("content", &sub.content, ParseDigestContentMode,
           "use \"summary\", \"lead\" or \"full\"");
  r.Parsed("at", &sub.at_minutes, ParseTimeOfDay, "use 24-hour HH:MM, e.g. \"07:00\"");
  r.Parsed("weekday", &sub.weekday, ParseWeekday, "use monday, tuesday, ... sunday");
  r.String("timezone", &sub.timezone);
  if (r.ok() && !IsKnownTimeZone(sub.timezone)) {
    std::string hint = NearestTimeZone(sub.timezone);
    r.FailAt(
        *r.Find("timezone"),
        hint.empty()
            ? fmt::format("unknown timezone \"{}\" (use an IANA name such as \"Asia/Kolkata\" or "
                          "\"UTC\")",
                          sub.timezone)
            : fmt::format("unknown timezone \"{}\" (did you mean \"{}\"?)", sub.timezone, hint));
  }
  r.StringList("sources", &sub.sources);
  r.StringList("tags", &sub.tags);
  r.StringList("keywords", &sub.keywords);
  if (r.ok()) {
    for (auto& k : sub.keywords) {
      // A config written before commas were refused keeps loading (the daemon keeps
      // running after an upgrade): the keyword is read as it matches.
      if (std::string comma = KeywordCommaProblem(k); !comma.empty()) {
        Warn(r.LocationOf("keywords"), fmt::format("{}; read as \"{}\"", comma, CommasAsSpaces(k)));
        k = CommasAsSpaces(k);
      }
      if (SplitWords(k).empty()) {
        r.FailAt(*r.Find("keywords"),
                 fmt::format("keyword \"{}\" has no letters or digits (it would match "
                             "nothing; remove it)",
                             k));
        break;
      }
    }
  }
  if (!r.ok()) return r.status();
  if (sub.digest != DigestSchedule::kWeekly && r.Find("weekday")) {
    Warn(r.LocationOf("weekday"),
         fmt::format("\"weekday\" is ignored: {}'s digest is not weekly", sub.email));
  }
  if (sub.digest == DigestSchedule::kImmediate && r.Find("at")) {
    Warn(r.LocationOf("at"), fmt::format("\"at\" is ignored: {}'s digest is immediate", sub.email));
  }
  if (const toml::node* list = r.Find("tags")) {
    for (const toml::node& item : *list->as_array()) {
      tag_references_.push_back({ConfigLocation(file, item.source()), item.as_string()->get()});
    }
  }
  if (const toml::node* list = r.Find("sources")) {
    for (const toml::node& item : *list->as_array()) {
      source_references_.push_back({ConfigLocation(file, item.source()), item.as_string()->get()});
    }
  }
  config_.subscribers.push_back(std::move(sub));
  return Status::Ok();
}

void ConfigLoader::CheckSubscriberSources() {
  std::vector<std::string> names;
  for (const auto& [name, where] : source_at_) names.push_back(name);
  for (const auto& ref : source_references_) {
    if (source_at_.count(ref.name)) continue;
    std::string hint = NearestWord(ref.name, names);
    Note(Status::InvalidArgument(fmt::format(
        "{}: unknown source \"{}\" in the subscriber's sources ({})", ref.location, ref.name,
        hint.empty() ? "it must name a [[sources]] entry"
                     : fmt::format("did you mean \"{}\"?", hint))));
  }
}

}  // namespace

Result<Config> LoadConfig(const std::string& path) {
  Result<Config> config = Status::Internal("config not loaded");
  // std::filesystem and toml++ throw; whatever gets past the loader's own checks is
  // still a bad config (exit 2 for check; the old config keeps running on reload).
  Status guarded = CatchAll(path, [&] {
    ConfigLoader loader;
    config = loader.Load(path);
  });
  if (!guarded.ok()) return Status::InvalidArgument(guarded.message());
  return config;
}

}  // namespace gpalert
