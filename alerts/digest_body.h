// Digest bodies: the text/plain and text/html renderings of one digest, from a plain
// model already grouped by source. HTML is table-laid-out with inline CSS (Gmail and
// Outlook ignore <style> blocks and CSS layout), every text HTML-escaped, links only
// http(s). Pure functions; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gpalert {

struct DigestEntry {
  std::string title;                 // plain text (never empty: "(untitled)")
  std::string url;                   // http(s) URL, or empty when the article has none usable
  std::string date;                  // "2 Dec 2021", or empty
  std::string author;                // may be empty
  std::string summary;               // plain text, may be empty
  std::vector<std::string> also_in;  // other sources that carried the same article
  // Changed in place beyond the near-duplicate threshold and alerted again
  // (alert_updates): the entry says "updated".
  bool updated = false;
  // Full text (subscriber content = "full"): shown instead of the summary when set.
  std::vector<std::string> paragraphs;  // plain text, for the text part; lines split by "\n"
  std::string html;                     // mail-safe HTML (alerts/full_text.h), may be empty
  // The digest's full-text cap was reached: the summary stands in, with a link to the page.
  bool continue_reading = false;
};

struct DigestGroup {
  std::string source;  // source name
  std::vector<DigestEntry> entries;
};

struct DigestContent {
  std::string subject;  // decoded subject line
  std::vector<DigestGroup> groups;
  std::string recipient;                       // subscriber address
  std::string schedule;                        // "daily at 07:00 (Asia/Kolkata)"
  std::optional<std::string> unsubscribe_url;  // full per-subscriber link (http/https)
  std::string unsubscribe_mailto;              // "mailto:..." fallback, always present
  std::optional<std::string> manage_url;       // the subscriber's manage page ([mail] public_url)
};

std::string RenderDigestText(const DigestContent& content);
std::string RenderDigestHtml(const DigestContent& content);

}  // namespace gpalert
