// Full text: an extracted article made fit for a digest (subscriber content = "full"):
// its HTML sanitised with images turned into links (mail clients block or mangle inline
// images, and a digest should not load anything by itself), its text as paragraphs.
// Pure functions; any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gpalert {

// `html` (the extractor's cleaned body) as mail-safe HTML: parsers/text/html_sanitizer.h
// with relative URLs resolved against `base_url`, then every <img> a link to its image
// ("[Image: ALT]") and audio/video/picture sources dropped.
std::string MailSafeArticleHtml(std::string_view html, std::string_view base_url);

// The paragraphs of extracted text (split by blank lines), white space collapsed within
// each line, empty ones dropped; a paragraph's lines (list items) stay apart, by "\n".
std::vector<std::string> TextParagraphs(std::string_view text);

}  // namespace gpalert
