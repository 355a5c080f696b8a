#include "fetchers/robots_txt.h"

#include <cctype>
#include <charconv>
#include <cmath>

#include "common/strings.h"

namespace gpalert {
namespace {

bool IsTokenChar(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  return (c | 0x20) - 'a' + 10;
}

// Hostile files: rules past these limits are ignored.
constexpr std::size_t kMaxRules = 20'000;
constexpr std::size_t kMaxPatternBytes = 4096;

// Normalises a path or pattern for comparison (RFC 9309 2.2.2): bytes outside
// printable ASCII are percent-encoded, existing escapes get upper-case hex, and
// escapes of unreserved characters are decoded.
std::string NormalizePath(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      int v = HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]);
      if (std::isalnum(v) || v == '-' || v == '.' || v == '_' || v == '~') {
        out += static_cast<char>(v);
      } else {
        out += '%';
        out += kHex[v >> 4];
        out += kHex[v & 15];
      }
      i += 2;
    } else if (c <= 0x20 || c >= 0x7f) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

struct Group {
  std::vector<std::string> agents;  // lower-cased tokens, "*" for any
  std::vector<RobotsTxt::Rule> rules;
  std::optional<std::chrono::milliseconds> crawl_delay;
};

}  // namespace

std::string ProductToken(std::string_view user_agent) {
  user_agent = TrimAscii(user_agent);
  size_t n = 0;
  while (n < user_agent.size() && IsTokenChar(user_agent[n])) ++n;
  return AsciiLower(user_agent.substr(0, n));
}

bool RobotsPatternMatches(std::string_view pattern, std::string_view path) {
  bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  // Glob matching with one backtrack point (the last '*'): O(pattern * path) worst case.
  size_t p = 0, s = 0, star = std::string_view::npos, star_s = 0;
  while (s < path.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_s = s;
    } else if (p < pattern.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
    } else if (p == pattern.size() && !anchored) {
      return true;  // the pattern matched a prefix
    } else if (star != std::string_view::npos) {
      p = star + 1;
      s = ++star_s;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

RobotsTxt RobotsTxt::DisallowAll() {
  RobotsTxt r;
  r.rules_.push_back(Rule{false, "/"});
  return r;
}

RobotsTxt RobotsTxt::Parse(std::string_view body, std::string_view product_token) {
  if (body.size() > kMaxBytes) body = body.substr(0, kMaxBytes);
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
  std::string token = AsciiLower(product_token);

  std::vector<Group> groups;
  bool in_agent_lines = false;  // the previous rule line was a user-agent line
  std::size_t rule_count = 0;
  size_t pos = 0;
  while (pos < body.size()) {
    size_t end = body.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(pos, end - pos);
    pos = end + 1;
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string key = AsciiLower(TrimAscii(line.substr(0, colon)));
    std::string_view value = TrimAscii(line.substr(colon + 1));
    if (key == "user-agent" || key == "useragent" || key == "user agent") {
      if (!in_agent_lines || groups.empty()) groups.emplace_back();
      in_agent_lines = true;
      std::string agent = value == "*" ? "*" : ProductToken(value);
      if (!agent.empty()) groups.back().agents.push_back(agent);
      continue;
    }
    bool allow = key == "allow";
    bool disallow = key == "disallow" || key == "dissallow" || key == "disalow";
    if (allow || disallow) {
      in_agent_lines = false;
      if (groups.empty()) continue;  // rules before any user-agent line belong to nobody
      if (value.empty()) continue;   // "Disallow:" with no path allows everything
      if (value.size() > kMaxPatternBytes || ++rule_count > kMaxRules) continue;
      groups.back().rules.push_back(Rule{allow, NormalizePath(value)});
      continue;
    }
    if (key == "crawl-delay") {
      in_agent_lines = false;
      if (groups.empty()) continue;
      double secs = 0;
      auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), secs);
      if (ec == std::errc() && ptr == value.data() + value.size() && std::isfinite(secs) &&
          secs >= 0 && secs < 86400)
        groups.back().crawl_delay = std::chrono::milliseconds(static_cast<long long>(secs * 1000));
      continue;
    }
    // Sitemap and unknown keys end nothing and belong to no group.
  }

  RobotsTxt out;
  bool matched = false;
  for (int pass = 0; pass < 2 && !matched; ++pass) {
    std::string_view want = pass == 0 ? std::string_view(token) : std::string_view("*");
    if (want.empty()) continue;
    for (const Group& g : groups) {
      bool hit = false;
      for (const std::string& a : g.agents) hit = hit || a == want;
      if (!hit) continue;
      matched = true;
      out.rules_.insert(out.rules_.end(), g.rules.begin(), g.rules.end());
      if (g.crawl_delay && (!out.crawl_delay_ || *g.crawl_delay > *out.crawl_delay_))
        out.crawl_delay_ = g.crawl_delay;
    }
  }
  return out;
}

const RobotsTxt::Rule* RobotsTxt::Blocking(std::string_view raw_path) const {
  std::string path = NormalizePath(raw_path.empty() ? std::string_view("/") : raw_path);
  if (path == "/robots.txt") return nullptr;
  const Rule* best = nullptr;
  for (const Rule& rule : rules_) {
    if (!RobotsPatternMatches(rule.pattern, path)) continue;
    if (best == nullptr || rule.pattern.size() > best->pattern.size() ||
        (rule.pattern.size() == best->pattern.size() && rule.allow && !best->allow))
      best = &rule;
  }
  return best != nullptr && !best->allow ? best : nullptr;
}

bool RobotsTxt::Allowed(std::string_view path) const { return Blocking(path) == nullptr; }

}  // namespace gpalert
