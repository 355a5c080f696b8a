// HtmlCharset: decides the character encoding of an HTML page the way browsers do
// (BOM, HTTP Content-Type, <meta> prescan of the first 1024 bytes, then detection) and
// converts it to UTF-8 with undecodable bytes replaced. Pure functions; any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gpalert {

struct DecodedHtml {
  std::string utf8;        // the page as well-formed UTF-8, BOM removed
  std::string charset;     // the encoding used ("utf-8", "windows-1252", ...)
  std::string decided_by;  // "bom", "http", "meta", "detected", "utf-8 content", "default"
};

// The charset named by <meta charset> or <meta http-equiv=Content-Type content=...>
// within the first 1024 bytes, normalised; nullopt when none.
std::optional<std::string> PrescanMetaCharset(std::string_view bytes);

// WHATWG label mapping on top of NormalizeCharsetName: iso-8859-1 and us-ascii mean
// windows-1252, gb2312 means gbk, utf-16 labels in a <meta> mean utf-8.
std::string HtmlEffectiveCharset(std::string_view label);

DecodedHtml DecodeHtml(std::string_view bytes, std::optional<std::string_view> content_type);

}  // namespace gpalert
