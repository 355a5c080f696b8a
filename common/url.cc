#include "common/url.h"

#include "common/strings.h"

namespace gpalert {
namespace {

std::string RemoveDotSegments(std::string_view in) {
  std::string input(in);
  std::string output;
  while (!input.empty()) {
    if (input.rfind("../", 0) == 0) {
      input.erase(0, 3);
    } else if (input.rfind("./", 0) == 0) {
      input.erase(0, 2);
    } else if (input.rfind("/./", 0) == 0) {
      input.replace(0, 3, "/");
    } else if (input == "/.") {
      input = "/";
    } else if (input.rfind("/../", 0) == 0 || input == "/..") {
      input = input.size() == 3 ? "/" : input.substr(3);
      auto pos = output.rfind('/');
      output.erase(pos == std::string::npos ? 0 : pos);
    } else if (input == "." || input == "..") {
      input.clear();
    } else {
      size_t start = input[0] == '/' ? 1 : 0;
      size_t next = input.find('/', start);
      if (next == std::string::npos) next = input.size();
      output += input.substr(0, next);
      input.erase(0, next);
    }
  }
  return output;
}

bool IsSchemeChar(char c, bool first) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  if (first) return false;
  return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

UrlParts SplitUrl(std::string_view url) {
  url = TrimAscii(url);
  UrlParts p;
  // scheme
  size_t i = 0;
  while (i < url.size() && IsSchemeChar(url[i], i == 0)) ++i;
  if (i > 0 && i < url.size() && url[i] == ':') {
    p.scheme = AsciiLower(url.substr(0, i));
    url.remove_prefix(i + 1);
  }
  if (auto h = url.find('#'); h != std::string_view::npos) {
    p.fragment = std::string(url.substr(h + 1));
    url = url.substr(0, h);
  }
  if (auto q = url.find('?'); q != std::string_view::npos) {
    p.query = std::string(url.substr(q + 1));
    url = url.substr(0, q);
  }
  if (url.size() >= 2 && url[0] == '/' && url[1] == '/') {
    url.remove_prefix(2);
    size_t end = url.find('/');
    if (end == std::string_view::npos) end = url.size();
    p.authority = std::string(url.substr(0, end));
    url.remove_prefix(end);
  }
  p.path = std::string(url);
  return p;
}

std::string UrlParts::host() const {
  if (!authority) return "";
  std::string_view a = *authority;
  if (auto at = a.rfind('@'); at != std::string_view::npos) a.remove_prefix(at + 1);
  if (!a.empty() && a[0] == '[') {
    auto close = a.find(']');
    return AsciiLower(a.substr(0, close == std::string_view::npos ? a.size() : close + 1));
  }
  if (auto colon = a.rfind(':'); colon != std::string_view::npos) a = a.substr(0, colon);
  return AsciiLower(a);
}

std::optional<int> UrlParts::port() const {
  if (!authority) return std::nullopt;
  std::string_view a = *authority;
  if (auto at = a.rfind('@'); at != std::string_view::npos) a.remove_prefix(at + 1);
  if (auto close = a.rfind(']'); close != std::string_view::npos) a.remove_prefix(close + 1);
  auto colon = a.rfind(':');
  if (colon == std::string_view::npos || colon + 1 == a.size()) return std::nullopt;
  int port = 0;
  for (char c : a.substr(colon + 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    port = port * 10 + (c - '0');
    if (port > 65535) return std::nullopt;
  }
  return port;
}

std::string UrlParts::ToString() const {
  std::string out;
  if (!scheme.empty()) out += scheme + ":";
  if (authority) out += "//" + *authority;
  out += path;
  if (query) out += "?" + *query;
  if (fragment) out += "#" + *fragment;
  return out;
}

std::string OriginOf(std::string_view url) {
  UrlParts parts = SplitUrl(url);
  int port = parts.port().value_or(parts.scheme == "https" ? 443 : 80);
  return parts.scheme + "://" + parts.host() + ":" + std::to_string(port);
}

bool IsHttpUrl(std::string_view url) {
  UrlParts p = SplitUrl(url);
  return (p.scheme == "http" || p.scheme == "https") && !p.host().empty();
}

std::string ResolveUrl(std::string_view base_text, std::string_view ref_text) {
  UrlParts ref = SplitUrl(ref_text);
  UrlParts base = SplitUrl(base_text);
  if (base.scheme.empty()) return std::string(TrimAscii(ref_text));
  UrlParts t;
  if (!ref.scheme.empty()) {
    t = ref;
    t.path = RemoveDotSegments(ref.path);
  } else {
    if (ref.authority) {
      t.authority = ref.authority;
      t.path = RemoveDotSegments(ref.path);
      t.query = ref.query;
    } else {
      if (ref.path.empty()) {
        t.path = base.path;
        t.query = ref.query ? ref.query : base.query;
      } else {
        if (ref.path[0] == '/') {
          t.path = RemoveDotSegments(ref.path);
        } else {
          std::string merged;
          if (base.authority && base.path.empty()) {
            merged = "/" + ref.path;
          } else {
            auto slash = base.path.rfind('/');
            merged = (slash == std::string::npos ? "" : base.path.substr(0, slash + 1)) + ref.path;
          }
          t.path = RemoveDotSegments(merged);
        }
        t.query = ref.query;
      }
      t.authority = base.authority;
    }
    t.scheme = base.scheme;
  }
  t.fragment = ref.fragment;
  if (t.authority && t.path.empty() && (t.scheme == "http" || t.scheme == "https")) t.path = "/";
  return t.ToString();
}

std::string PercentEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int hi = HexValue(s[i + 1]), lo = HexValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

}  // namespace gpalert
