#include "parsers/text/html_charset.h"

#include "common/strings.h"
#include "parsers/text/charset.h"

namespace gpalert {
namespace {

bool HasNonAscii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  return false;
}

}  // namespace

std::optional<std::string> PrescanMetaCharset(std::string_view bytes) {
  std::string head = AsciiLower(bytes.substr(0, 1024));
  size_t pos = 0;
  while ((pos = head.find("<meta", pos)) != std::string::npos) {
    size_t end = head.find('>', pos);
    std::string_view tag = std::string_view(head).substr(
        pos, end == std::string::npos ? std::string::npos : end - pos);
    pos += 5;
    size_t cs = tag.find("charset");
    if (cs == std::string_view::npos) continue;
    size_t p = cs + 7;
    while (p < tag.size() && (tag[p] == ' ' || tag[p] == '\t' || tag[p] == '\n')) ++p;
    if (p >= tag.size() || tag[p] != '=') continue;
    ++p;
    while (p < tag.size() && (tag[p] == ' ' || tag[p] == '"' || tag[p] == '\'')) ++p;
    size_t v = p;
    while (p < tag.size() && tag[p] != '"' && tag[p] != '\'' && tag[p] != ';' && tag[p] != ' ' &&
           tag[p] != '/' && tag[p] != '\t' && tag[p] != '\n')
      ++p;
    if (p == v) continue;
    // A label that normalises to nothing (<meta charset="\f">) is no label: used as "",
    // iconv would take the locale's codeset.
    std::string label = NormalizeCharsetName(tag.substr(v, p - v));
    if (!label.empty()) return label;
  }
  return std::nullopt;
}

std::string HtmlEffectiveCharset(std::string_view label) {
  std::string cs = NormalizeCharsetName(label);
  if (cs == "iso-8859-1" || cs == "us-ascii" || cs == "iso8859-1" || cs == "latin1")
    return "windows-1252";
  if (cs == "gb2312" || cs == "gb_2312-80" || cs == "x-gbk") return "gbk";
  if (cs == "iso-8859-9") return "windows-1254";
  if (cs == "tis-620" || cs == "iso-8859-11") return "windows-874";
  return cs;
}

DecodedHtml DecodeHtml(std::string_view bytes, std::optional<std::string_view> content_type) {
  DecodedHtml d;
  size_t bom_len = 0;
  std::optional<std::string> cs = CharsetFromBom(bytes, &bom_len);
  if (cs) {
    d.decided_by = "bom";
    bytes.remove_prefix(bom_len);
  }
  bool utf8_content = HasNonAscii(bytes.substr(0, 1 << 20)) && IsValidUtf8(bytes);
  if (!cs && content_type) {
    if (auto http = CharsetFromContentType(*content_type)) {
      cs = HtmlEffectiveCharset(*http);
      d.decided_by = "http";
    }
  }
  if (!cs) {
    if (auto meta = PrescanMetaCharset(bytes)) {
      std::string m = HtmlEffectiveCharset(*meta);
      if (m.starts_with("utf-16")) m = "utf-8";
      cs = m;
      d.decided_by = "meta";
    }
  }
  // Bytes that are well-formed UTF-8 with multi-byte sequences are UTF-8 whatever a
  // label says: mislabelled pages are common, coincidental validity is not.
  if (utf8_content && d.decided_by != "bom" && cs != "utf-8") {
    cs = "utf-8";
    d.decided_by = "utf-8 content";
  }
  if (!cs) {
    if (!HasNonAscii(bytes)) {
      cs = "utf-8";
      d.decided_by = "default";
    } else if (auto guess = DetectCharset(bytes)) {
      cs = HtmlEffectiveCharset(*guess);
      d.decided_by = "detected";
    } else {
      cs = "windows-1252";
      d.decided_by = "default";
    }
  }
  if (*cs == "utf-8" && (utf8_content || IsValidUtf8(bytes))) {  // the common case: no copy pass
    d.charset = "utf-8";
    d.utf8.assign(bytes.data(), bytes.size());
    return d;
  }
  Result<std::string> converted = ConvertToUtf8(bytes, *cs, /*strict=*/false);
  if (!converted.ok()) {  // unknown label: fall back to windows-1252, which decodes all bytes
    cs = utf8_content ? "utf-8" : "windows-1252";
    d.decided_by = "default";
    converted = ConvertToUtf8(bytes, *cs, false);
  }
  d.charset = *cs;
  d.utf8 = converted.ok() ? std::move(converted.value()) : SanitizeUtf8(bytes);
  return d;
}

}  // namespace gpalert
