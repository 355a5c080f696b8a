// PageMetadata: what a page says about its article outside the body, read in order
// of trust: JSON-LD (schema.org Article types), then <meta> tags (Dublin Core,
// OpenGraph, article:*, Twitter, Parsely, name=author), then the <title> with the site
// part removed (checked against the page's headings). Pure; the caller's thread.
#pragma once

#include <optional>
#include <string>

#include "common/time_format.h"
#include "parsers/page/html_document.h"

namespace gpalert {

struct PageMetadata {
  std::optional<std::string> title;
  std::optional<std::string> byline;
  std::optional<std::string> excerpt;  // description
  std::optional<std::string> site_name;
  std::optional<Instant> published;
  std::optional<std::string> lang;  // <html lang>
  std::optional<std::string> canonical_url;
};

// Reads the metadata before extraction mutates the document.
PageMetadata ReadPageMetadata(const HtmlDocument& doc);

// The <title> cleaned of its site part ("Title | Site", "Site: Title", ...), or the
// lone <h1> when the <title> is too short or too long to be a headline.
std::string CleanDocumentTitle(const HtmlDocument& doc);

}  // namespace gpalert
