// Feeds arbitrary bytes as robots.txt to RobotsTxt::Parse and its matcher; checks matching against
// a plain DP matcher.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "fetchers/robots_txt.h"

#include "fuzz_check.h"

namespace {

// RFC 9309 matching the slow, obvious way: "*" is any run of bytes, a final "$" anchors
// the end, and otherwise the pattern need only match a prefix of the path.
bool ReferenceMatches(std::string_view pattern, std::string_view path) {
  std::string glob(pattern);
  if (!glob.empty() && glob.back() == '$') {
    glob.pop_back();
  } else {
    glob += '*';
  }
  // can[j]: glob[0, i) matches path[0, j).
  std::vector<char> can(path.size() + 1, 0), next(path.size() + 1, 0);
  can[0] = 1;
  for (char g : glob) {
    next.assign(path.size() + 1, 0);
    for (size_t j = 0; j <= path.size(); ++j) {
      if (g == '*') {
        next[j] = can[j] || (j > 0 && next[j - 1]);
      } else if (j > 0) {
        next[j] = can[j - 1] && path[j - 1] == g;
      }
    }
    can.swap(next);
  }
  return can[path.size()];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static constexpr std::array<std::string_view, 8> kPaths = {
      "",          "/",           "/robots.txt", "/news/2024/story.html", "/a%2fb?x=1&y=%7E",
      "/private/", "/search?q=*", "/%E2%82%AC"};
  std::string_view body(reinterpret_cast<const char*>(data), size);
  constexpr size_t kChecked = 16;  // rules whose patterns are also tried as paths
  for (std::string_view token : {"gpalert", "googlebot"}) {
    gpalert::RobotsTxt robots = gpalert::RobotsTxt::Parse(body, token);
    std::vector<std::string_view> paths(kPaths.begin(), kPaths.end());
    for (size_t i = 0; i < robots.rules().size() && i < kChecked; ++i)
      paths.push_back(robots.rules()[i].pattern);
    for (std::string_view path : paths) {
      const gpalert::RobotsTxt::Rule* blocking = robots.Blocking(path);
      FUZZ_CHECK(robots.Allowed(path) == (blocking == nullptr));
      if (blocking) FUZZ_CHECK(!blocking->allow);
      if (path == "/robots.txt") FUZZ_CHECK(blocking == nullptr);
      for (size_t i = 0; i < robots.rules().size() && i < kChecked; ++i) {
        const std::string& pattern = robots.rules()[i].pattern;
        if (pattern.size() > 256 || path.size() > 256) continue;
        FUZZ_CHECK(gpalert::RobotsPatternMatches(pattern, path) == ReferenceMatches(pattern, path));
      }
    }
    (void)robots.crawl_delay();
  }
  (void)gpalert::ProductToken(body.substr(0, 256));
  return 0;
}
