// DecodeFeedDocument: turns a fetched feed's bytes into UTF-8 text following RFC 7303
// (byte order mark, then Content-Type charset, then the UTF-16/32 pattern of "<?xml",
// then the XML declaration, then UTF-8), falling back when the chosen charset cannot
// decode the bytes (the declaration, UTF-8, a detector for undeclared legacy bytes,
// windows-1252). The XML declaration in the result no longer names an encoding.
// Pure; any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gpalert {

struct DecodedDocument {
  std::string text;                   // UTF-8, without BOM
  std::string encoding = "utf-8";     // lower-case IANA name actually used
  std::vector<std::string> warnings;  // fallbacks, overrides, non-XML media types
};

DecodedDocument DecodeFeedDocument(std::string_view bytes,
                                   const std::optional<std::string>& content_type);

// The encoding named by an XML declaration at the start of `ascii_compatible_text`.
std::optional<std::string> XmlDeclarationEncoding(std::string_view text);

}  // namespace gpalert
