// RobotsTxt: a parsed robots.txt (RFC 9309) reduced to the rules of the group that
// applies to one product token, and the matcher for paths. The parser is a pure
// function on bytes (bounded work on hostile input: at most kMaxBytes read, patterns
// matched without backtracking blow-up). Immutable after parsing; any thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gpalert {

class RobotsTxt {
 public:
  // Bytes of a robots.txt that are parsed; the rest is ignored (RFC 9309 2.5 asks for
  // at least 500 KiB).
  static constexpr std::size_t kMaxBytes = 512 * 1024;

  struct Rule {
    bool allow = false;
    std::string pattern;  // as written (percent-escapes normalised), "*" and "$" special
  };

  // The rules for `product_token` (e.g. "gpalert"; matched case-insensitively): the
  // groups naming it, else the "*" groups, else none (everything allowed).
  static RobotsTxt Parse(std::string_view body, std::string_view product_token);
  static RobotsTxt AllowAll() { return RobotsTxt(); }
  static RobotsTxt DisallowAll();

  // `path` is a URL's path plus "?query" when present ("/a/b?x=1"); "" means "/".
  // Longest matching pattern wins; on a tie, Allow wins. /robots.txt is always allowed.
  bool Allowed(std::string_view path) const;
  // The Disallow rule that blocks `path`, or nullptr when it is allowed.
  const Rule* Blocking(std::string_view path) const;

  // Crawl-delay of the chosen group, if it gave a valid one.
  std::optional<std::chrono::milliseconds> crawl_delay() const { return crawl_delay_; }
  const std::vector<Rule>& rules() const { return rules_; }

 private:
  std::vector<Rule> rules_;
  std::optional<std::chrono::milliseconds> crawl_delay_;
};

// The robots.txt product token of a User-Agent string: its leading run of letters,
// '_' and '-' ("gpalert/0.1 (+mailto:...)" -> "gpalert").
std::string ProductToken(std::string_view user_agent);

// True when `pattern` (robots.txt syntax: "*" any run of bytes, "$" at the end anchors)
// matches `path` from its start.
bool RobotsPatternMatches(std::string_view pattern, std::string_view path);

}  // namespace gpalert
