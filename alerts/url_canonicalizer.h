// CanonicalizeUrl: the form of an article URL used to recognise the same article
// under different spellings (dedup key). Not for fetching: the result may use a
// scheme the server does not serve. Pure function; safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gpalert {

// A source's own identity rules for its article URLs (`canonical` in [[sources]]).
// Parameter names compare case-insensitively (ASCII).
struct UrlRules {
  // Query parameters whose value's case does not matter (lower-cased): `url=Pakistan-Reader`
  // and `url=pakistan-reader` are one page.
  std::vector<std::string> ignore_case;
  // The parameters that identify an article: when a URL has at least one of them, every
  // other parameter is dropped (a URL with none keeps its query as it is).
  std::vector<std::string> key;
};

// For http(s) URLs:
//  - scheme: http and https both become "https"; host lower-cased, leading "www." (each of them)
//  and a
//    trailing dot dropped; user info dropped; ports 80 and 443 dropped;
//  - path: percent-escapes of unreserved characters decoded, others upper-cased
//    (%2f → %2F), dot segments resolved, empty path → "/", trailing slash dropped
//    (except the root);
//  - query: tracking parameters (utm_*, fbclid, gclid, mc_cid, ...) and empty pieces
//    dropped, the rest sorted stably by name then value, names and values kept as
//    written (their case matters to some sites) apart from percent-escape case;
//  - fragment dropped;
//  - then `rules` (above).
// Idempotent: canonicalising a canonical URL gives it back. Anything else (mailto:,
// relative references, garbage) is returned trimmed, unchanged.
std::string CanonicalizeUrl(std::string_view url, const UrlRules& rules = {});

// True when `name` (a query parameter name) is a known click-tracking parameter.
bool IsTrackingParameter(std::string_view name);

}  // namespace gpalert
