// MIME writer: the byte-level pieces of an RFC 5322 / MIME message — header fields
// (sanitised, RFC 2047-encoded, folded), addresses, dates, quoted-printable bodies and
// multipart/alternative assembly. Output always uses CRLF line ends and keeps every
// line within 998 octets. Pure functions; safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "alerts/mail/mime_mailbox.h"
#include "common/time_format.h"

namespace gpalert {

// Header text made safe: every control character (CR, LF, TAB, NUL, DEL, C1) becomes a
// space, ill-formed UTF-8 becomes U+FFFD, runs of spaces collapse, ends are trimmed.
// No title or name can inject a header field after this.
std::string SanitizeHeaderText(std::string_view text);

// Unstructured header text (e.g. Subject) as ASCII: unchanged when it is printable ASCII
// without "=?"; otherwise RFC 2047 "=?UTF-8?B?...?=" encoded words that never split a
// UTF-8 character, separated by spaces, each line within 76 columns once folded after a
// field name of `name_length` characters. Sanitises first.
std::string EncodeHeaderText(std::string_view text, size_t name_length);

// `Name <local@domain>`: the display name is left bare (atoms), quoted (ASCII with
// specials) or RFC 2047-encoded (non-ASCII); a bare address when the name is empty.
std::string FormatAddress(const Mailbox& mailbox, size_t name_length);

// One header field "Name: value\r\n" folded at spaces to 78 columns where it can be; a
// longer unbreakable run is split so no line passes 998 octets. Control characters in
// `value` are replaced by spaces first.
std::string FoldHeader(std::string_view name, std::string_view value);

// "Fri, 27 Nov 2026 19:21:33 +0000".
std::string FormatRfc5322Date(Instant t);

// Quoted-printable (RFC 2045 6.7) of UTF-8 text whose lines end in LF or CRLF: hard line
// breaks become CRLF, lines are soft-broken at 76 columns, '=', non-ASCII, control
// characters, trailing white space, a leading '.' and a leading "From " are escaped.
std::string EncodeQuotedPrintable(std::string_view text);

// Plain base64 (RFC 4648) without line breaks.
std::string EncodeBase64(std::string_view data);

struct MimePart {
  std::string content_type;  // e.g. "text/plain; charset=utf-8"
  std::string text;          // UTF-8, LF or CRLF line ends; sent quoted-printable
};

// The body of a multipart message: each part with its Content-Type and
// Content-Transfer-Encoding headers, between "--boundary" delimiters, closed by
// "--boundary--". `boundary` must not occur in the encoded parts (quoted-printable never
// produces "=_", so a boundary starting with "=_" is safe).
std::string MultipartBody(const std::vector<MimePart>& parts, std::string_view boundary);

}  // namespace gpalert
