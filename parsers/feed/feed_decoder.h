// DecodeFeedDocument: turns a fetched feed's bytes into UTF-8 text following RFC 7303
// (byte order mark, then Content-Type charset, then the UTF-16/32 pattern of "<?xml",
// then the XML declaration, then UTF-8), falling back when the chosen charset cannot
// decode the bytes (the declaration, UTF-8, a detector for undeclared legacy bytes,
// windows-1252). The XML declaration is left as it is: the XML parser is told the
// text is UTF-8 and ignores it. Pure; any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gpalert {

struct DecodedDocument {
  std::string encoding = "utf-8";     // lower-case IANA name actually used
  std::vector<std::string> warnings;  // fallbacks, overrides, non-XML media types
  std::string converted;              // the text, when the bytes needed converting
  std::string_view unconverted;       // else the input bytes after the BOM (already UTF-8)
  bool uses_input = false;

  // The UTF-8 text without BOM; may point into the input bytes, which must outlive it.
  std::string_view text() const { return uses_input ? unconverted : std::string_view(converted); }
};

// `bytes` must outlive the result (text() may point into it).
DecodedDocument DecodeFeedDocument(std::string_view bytes,
                                   const std::optional<std::string>& content_type);

// True when every byte is below 0x80 (checked a word at a time): such text is valid
// UTF-8 and needs no repair.
bool IsAllAscii(std::string_view text);

// The encoding named by an XML declaration at the start of `ascii_compatible_text`.
std::optional<std::string> XmlDeclarationEncoding(std::string_view text);

}  // namespace gpalert
