#include "alerts/url_canonicalizer.h"

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

#include "common/strings.h"
#include "common/url.h"

namespace gpalert {
namespace {

constexpr std::string_view kTrackingParameters[] = {
    "fbclid",    "gclid",       "dclid",      "gbraid",  "wbraid",    "msclkid", "yclid",
    "igshid",    "mc_cid",      "mc_eid",     "_ga",     "_gl",       "_hsenc",  "_hsmi",
    "mkt_tok",   "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv", "twclid",  "ttclid",
    "li_fat_id", "s_kwcid",     "ncid",       "spm",     "scid",      "__s",     "ck_subscriber_id",
};

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsUnreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

// RFC 3986 6.2.2.2: decode escapes of unreserved characters, upper-case the others.
std::string NormalizePercentEncoding(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      unsigned char c = static_cast<unsigned char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      if (IsUnreserved(c)) {
        out += static_cast<char>(c);
      } else {
        out += '%';
        out += static_cast<char>(std::toupper(static_cast<unsigned char>(s[i + 1])));
        out += static_cast<char>(std::toupper(static_cast<unsigned char>(s[i + 2])));
      }
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// The host[:port] of the canonical form; empty when the authority is malformed (an
// unclosed IPv6 literal, a port that is not a number up to 65535).
std::string CanonicalHost(const UrlParts& parts) {
  std::string host = parts.host();
  if (host.empty() || (host[0] == '[' && host.back() != ']')) return "";
  std::string_view authority = *parts.authority;
  std::string_view after_host = authority.substr(authority.rfind(host[0] == '[' ? ']' : '@') + 1);
  if (host[0] != '[')
    after_host = after_host.substr(std::min(after_host.size(), after_host.find(':')));
  if (after_host.size() > 1 && after_host[0] == ':' && !parts.port()) return "";
  if (host.back() == '.') host.pop_back();
  while (host.rfind("www.", 0) == 0 && host.size() > 4) host.erase(0, 4);
  std::optional<int> port = parts.port();
  if (port && *port != 80 && *port != 443) host += ":" + std::to_string(*port);
  return host;
}

std::string CanonicalPath(const std::string& raw) {
  std::string path = NormalizePercentEncoding(raw);
  if (path.empty() || path[0] != '/') path.insert(0, "/");
  if (path.rfind("//", 0) != 0) {
    // RFC 3986 5.2.4 dot-segment removal, done by resolving the absolute path.
    path = SplitUrl(ResolveUrl("https://h/", path)).path;
  }
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

// The entry of `names` that `name` is, whatever its case; null when none.
const std::string* ListedAs(const std::vector<std::string>& names, std::string_view name) {
  auto it = std::find_if(names.begin(), names.end(),
                         [&](const std::string& n) { return EqualsIgnoreCase(n, name); });
  return it == names.end() ? nullptr : &*it;
}

bool Listed(const std::vector<std::string>& names, std::string_view name) {
  return ListedAs(names, name) != nullptr;
}

std::string CanonicalQuery(const std::string& raw, const UrlRules& rules) {
  std::vector<std::pair<std::string, std::string>> params;
  for (std::string_view piece : Split(raw, '&')) {
    if (piece.empty()) continue;
    auto eq = piece.find('=');
    std::string name = NormalizePercentEncoding(piece.substr(0, eq));
    if (IsTrackingParameter(PercentDecode(name))) continue;
    std::string value =
        eq == std::string_view::npos ? "" : "=" + NormalizePercentEncoding(piece.substr(eq + 1));
    std::string decoded_name = PercentDecode(name);
    const std::string* ignore_case = ListedAs(rules.ignore_case, decoded_name);
    if (ignore_case) value = AsciiLower(value);
    // A name a rule lists is matched whatever its case (URL=, url=), so it is written as
    // the rule spells it: the same article whichever spelling a page links with.
    const std::string* listed = ignore_case ? ignore_case : ListedAs(rules.key, decoded_name);
    if (listed) name = NormalizePercentEncoding(*listed);
    params.emplace_back(std::move(name), std::move(value));
  }
  if (!rules.key.empty()) {
    auto is_key = [&](const auto& p) { return Listed(rules.key, PercentDecode(p.first)); };
    if (std::any_of(params.begin(), params.end(), is_key)) {
      params.erase(
          std::remove_if(params.begin(), params.end(), [&](const auto& p) { return !is_key(p); }),
          params.end());
    }
  }
  std::stable_sort(params.begin(), params.end());
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out += '&';
    out += name + value;
  }
  return out;
}

}  // namespace

bool IsTrackingParameter(std::string_view name) {
  std::string lower = AsciiLower(name);
  if (lower.rfind("utm_", 0) == 0) return true;
  return std::find(std::begin(kTrackingParameters), std::end(kTrackingParameters), lower) !=
         std::end(kTrackingParameters);
}

std::string CanonicalizeUrl(std::string_view url, const UrlRules& rules) {
  UrlParts parts = SplitUrl(url);
  if (parts.scheme != "http" && parts.scheme != "https") return std::string(TrimAscii(url));
  std::string host = CanonicalHost(parts);
  if (host.empty()) return std::string(TrimAscii(url));
  std::string out = "https://" + host + CanonicalPath(parts.path);
  if (parts.query) {
    std::string query = CanonicalQuery(*parts.query, rules);
    if (!query.empty()) out += "?" + query;
  }
  return out;
}

}  // namespace gpalert
