// URL parsing and relative-reference resolution per RFC 3986, on plain strings.
// Pure functions; no normalisation beyond what RFC 3986 section 5 prescribes
// (dedup canonicalisation lives in alerts/url_canonicalizer.h).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace gpalert {

struct UrlParts {
  std::string scheme;                    // lower-cased; empty for a relative reference
  std::optional<std::string> authority;  // "user@host:port" as written; nullopt when absent
  std::string path;
  std::optional<std::string> query;     // without '?'
  std::optional<std::string> fragment;  // without '#'

  // Host part of the authority (lower-cased, IPv6 brackets kept), port, userinfo.
  std::string host() const;
  std::optional<int> port() const;
  std::string ToString() const;
};

// Splits any URI reference into its five components. Never fails: RFC 3986's
// regular expression matches every string. Leading/trailing ASCII space is trimmed.
UrlParts SplitUrl(std::string_view url);

// True for an absolute URL with scheme http or https and a non-empty host.
bool IsHttpUrl(std::string_view url);

// "scheme://host:port" with the port made explicit (80 for http, 443 for https): what
// two URLs share when they are the same origin (RFC 6454).
std::string OriginOf(std::string_view url);

// The longest URL gpalert matches, fetches or stores. Browsers and servers stop near
// 8 KB; a longer link in a feed or a page is dropped before any work is done on it.
inline constexpr std::size_t kMaxUrlLength = 8192;

// Resolves `ref` against `base` (RFC 3986 5.2, with dot-segment removal).
// When `base` is empty or not absolute, returns `ref` unchanged (trimmed).
std::string ResolveUrl(std::string_view base, std::string_view ref);

// Percent-decodes %XX escapes (invalid escapes are kept literally).
std::string PercentDecode(std::string_view s);

// Percent-encodes every byte but RFC 3986's unreserved characters (A-Z a-z 0-9 - . _ ~),
// for query values and mailto: parameters.
std::string PercentEncode(std::string_view s);

}  // namespace gpalert
