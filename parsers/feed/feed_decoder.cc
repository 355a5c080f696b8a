#include "parsers/feed/feed_decoder.h"

#include <fmt/format.h>

#include <cstdint>
#include <cstring>

#include "common/strings.h"
#include "parsers/text/charset.h"

namespace gpalert {
namespace {

bool StartsWithBytes(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// UTF-16/32 without BOM, recognised by how "<?" is laid out (RFC 7303, XML 1.0 F.1).
std::optional<std::string> CharsetFromPattern(std::string_view b) {
  using namespace std::string_view_literals;
  if (StartsWithBytes(b, "\x00\x00\x00<"sv)) return "utf-32be";
  if (StartsWithBytes(b, "<\x00\x00\x00"sv)) return "utf-32le";
  if (StartsWithBytes(b, "\x00<\x00?"sv)) return "utf-16be";
  if (StartsWithBytes(b, "<\x00?\x00"sv)) return "utf-16le";
  if (StartsWithBytes(b, "\x4C\x6F\xA7\x94"sv)) return "cp037";  // "<?xm" in EBCDIC
  return std::nullopt;
}

// Adds the byte order to "utf-16"/"utf-32" when the bytes show it (BE by default).
std::string WithByteOrder(const std::string& charset, std::string_view bytes) {
  if (charset != "utf-16" && charset != "utf-32" && charset != "ucs-4") return charset;
  std::string family = charset == "utf-16" ? "utf-16" : "utf-32";
  auto pattern = CharsetFromPattern(bytes);
  if (pattern && pattern->starts_with(family)) return *pattern;
  return family + "be";
}

// Charsets iconv knows under another name, or better decoded as a superset.
std::string DecoderName(const std::string& charset) {
  if (charset == "gb2312" || charset == "gbk" || charset == "x-gbk") return "gb18030";
  if (charset == "iso-8859-1" || charset == "us-ascii") return charset;
  return charset;
}

// Detector answers trusted for undeclared bytes: multi-byte CJK and the single-byte
// Cyrillic, Greek, Hebrew, Arabic and Thai charsets. Anything else (it guesses
// Latin charsets poorly on short feeds) falls through to windows-1252.
bool IsTrustedDetection(const std::string& cs) {
  static constexpr std::string_view kTrusted[] = {
      "big5",         "euc-jp",     "euc-kr",       "euc-tw",      "gb18030",      "gb2312",
      "gbk",          "hz-gb-2312", "iso-2022-cn",  "iso-2022-jp", "iso-2022-kr",  "shift_jis",
      "ibm855",       "ibm866",     "iso-8859-5",   "koi8-r",      "koi8-u",       "mac-cyrillic",
      "windows-1251", "iso-8859-7", "windows-1253", "iso-8859-8",  "windows-1255", "iso-8859-6",
      "windows-1256", "tis-620",    "windows-874",  "iso-8859-11"};
  for (auto t : kTrusted)
    if (cs == t) return true;
  return false;
}

bool IsXmlOrFeedMediaType(const std::string& media) {
  return media.empty() || media == "application/xml" || media == "text/xml" ||
         media.ends_with("+xml") || media.ends_with("-xml") ||
         media == "application/xml-external-parsed-entity" ||
         media == "text/xml-external-parsed-entity" || media == "application/xml-dtd" ||
         media == "application/json" || media == "application/feed+json" ||
         media == "application/octet-stream";
}

}  // namespace

bool IsAllAscii(std::string_view text) {
  const char* p = text.data();
  size_t n = text.size();
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, p + i, 8);
    if (word & 0x8080808080808080ULL) return false;
  }
  for (; i < n; ++i)
    if (static_cast<unsigned char>(p[i]) >= 0x80) return false;
  return true;
}

std::optional<std::string> XmlDeclarationEncoding(std::string_view text) {
  if (!text.starts_with("<?xml")) return std::nullopt;
  size_t end = text.find("?>");
  if (end == std::string_view::npos || end > 512) return std::nullopt;
  std::string_view decl = text.substr(0, end);
  size_t enc = decl.find("encoding");
  if (enc == std::string_view::npos) return std::nullopt;
  size_t eq = decl.find('=', enc);
  if (eq == std::string_view::npos) return std::nullopt;
  size_t q = decl.find_first_of("\"'", eq);
  if (q == std::string_view::npos) return std::nullopt;
  size_t q2 = decl.find(decl[q], q + 1);
  if (q2 == std::string_view::npos) return std::nullopt;
  std::string name = NormalizeCharsetName(decl.substr(q + 1, q2 - q - 1));
  if (name.empty()) return std::nullopt;
  return name;
}

DecodedDocument DecodeFeedDocument(std::string_view bytes,
                                   const std::optional<std::string>& content_type) {
  DecodedDocument result;
  size_t bom_len = 0;
  auto bom = CharsetFromBom(bytes, &bom_len);
  std::string_view body = bytes.substr(bom_len);
  std::optional<std::string> header_charset;
  if (content_type) {
    header_charset = CharsetFromContentType(*content_type);
    std::string media = MediaTypeFromContentType(*content_type);
    if (!IsXmlOrFeedMediaType(media))
      result.warnings.push_back(fmt::format("served as {}, not an XML or feed media type", media));
  }
  auto pattern = CharsetFromPattern(body);
  // The declaration, read in the pattern's/BOM's UTF-16/32 if any, else as ASCII.
  std::optional<std::string> declared;
  std::string_view family = bom       ? std::string_view(*bom)
                            : pattern ? std::string_view(*pattern)
                                      : "";
  if (family.starts_with("utf-16") || family.starts_with("utf-32") || family == "cp037") {
    auto head = ConvertToUtf8(body.substr(0, 1024 - 1024 % 4), family, false);
    if (head.ok()) declared = XmlDeclarationEncoding(*head);
  } else {
    declared = XmlDeclarationEncoding(body);
  }

  std::string chosen;
  if (bom)
    chosen = *bom;
  else if (header_charset)
    chosen = WithByteOrder(*header_charset, body);
  else if (pattern && *pattern == "cp037" && declared)
    chosen = *declared;  // EBCDIC family
  else if (pattern)
    chosen = *pattern;
  else if (declared)
    chosen = WithByteOrder(*declared, body);
  else
    chosen = "utf-8";
  if (bom && header_charset && *header_charset != *bom && !(bom->starts_with(*header_charset)))
    result.warnings.push_back(
        fmt::format("byte order mark ({}) overrides charset {}", *bom, *header_charset));

  std::vector<std::string> candidates{chosen};
  if (declared && !bom) candidates.push_back(WithByteOrder(*declared, body));
  candidates.push_back("utf-8");
  candidates.push_back("");  // the detector's guess, computed only when reached
  candidates.push_back("windows-1252");

  std::string first_error;
  for (auto cs : candidates) {
    if (cs.empty()) {
      auto detected = DetectCharset(body.substr(0, 64 * 1024));
      if (!detected || !IsTrustedDetection(*detected)) continue;
      cs = *detected;
    }
    if (((cs == "utf-8" || cs == "us-ascii") && IsAllAscii(body)) ||
        (cs == "utf-8" && IsValidUtf8(body))) {
      result.unconverted = body;  // already UTF-8: no copy
      result.uses_input = true;
    } else {
      auto decoded = ConvertToUtf8(body, DecoderName(cs), true);
      if (!decoded.ok()) {
        if (first_error.empty()) first_error = decoded.status().message();
        continue;
      }
      result.converted = std::move(*decoded);
    }
    result.encoding = cs;
    if (cs != chosen)
      result.warnings.push_back(
          fmt::format("charset {} failed ({}); decoded as {}", chosen, first_error, cs));
    return result;
  }
  // Nothing decodes cleanly: windows-1252 with replacement characters.
  auto lenient = ConvertToUtf8(body, "windows-1252", false);
  result.converted = lenient.ok() ? std::move(*lenient) : SanitizeUtf8(body);
  result.encoding = "windows-1252";
  result.warnings.push_back(
      fmt::format("charset {} failed ({}); decoded as windows-1252 with "
                  "replacement characters",
                  chosen, first_error));
  return result;
}

}  // namespace gpalert
