// Conversions shared by the per-format feed parsers (rss_parser, atom_parser,
// json_feed_parser): how source text becomes the contract's value kinds (text, HTML,
// URL, date, person, length) per FEED_JSON.md. Pure; any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/time_format.h"
#include "parsers/feed/feed_parser.h"

namespace gpalert {

// How a source declared its text: plain (taken literally), HTML, or RSS-style
// undeclared text that is HTML only when it looks like HTML.
enum class TextKind { kPlain, kHtml, kAuto };

// Per-document state the format parsers share.
struct FeedContext {
  std::string document_base;           // Content-Location, else --url ("" = none)
  std::vector<std::string>* warnings;  // where repairs and guesses are reported
};

// RSS text "looks like HTML" when it has an end tag or a character/entity reference,
// every tag names a known HTML element and every named reference is an HTML entity.
bool LooksLikeHtml(std::string_view text);

// The contract's "text" value of `raw` declared as `kind`.
std::string ToText(std::string_view raw, TextKind kind);

// The contract's "HTML" value: plain text escaped, HTML sanitised with URLs resolved
// against `base`. kAuto is treated as HTML.
std::string ToHtml(std::string_view raw, TextKind kind, std::string_view base);

// A date value; an unparseable non-empty string adds a warning naming `what`.
std::optional<Instant> ToDate(std::string_view raw, std::string_view what, FeedContext* ctx);

// A URL resolved against `base` (trimmed; "" stays "").
std::string ToUrl(std::string_view raw, std::string_view base);

// "email (Name)", "Name <email>", "Name (email)", a bare email, or a bare name.
Person ParsePersonText(std::string_view raw);

// A non-negative decimal length; nullopt otherwise.
std::optional<std::int64_t> ParseLength(std::string_view raw);

// Decodes base64 (white space ignored); nullopt when malformed.
std::optional<std::string> DecodeBase64(std::string_view raw);

// True for media types whose content is XML (application/xml, */*+xml, text/xml).
bool IsXmlMediaType(std::string_view type);

}  // namespace gpalert
