// HtmlPrefilter: one linear pass over UTF-8 HTML before Gumbo sees it. It drops the
// bodies of <script>, <style>, <noscript> and <template> and all comments (work Gumbo
// need not do), keeps the text of JSON-LD scripts aside, caps attributes per tag and
// drops start tags nested deeper than a cap (and attributes no parser reads), so that hostile
// markup cannot make Gumbo 0.10.1 take seconds or gigabytes. Pure function; any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gpalert {

struct PrefilterOptions {
  std::size_t max_depth = 256;         // start tags deeper than this are dropped
  std::size_t max_attributes = 64;     // further attributes of a tag are dropped
  std::size_t max_output = 6 << 20;    // markup beyond this is cut (at a tag boundary)
  std::size_t max_tags = 100000;       // the document is cut after this many start tags
  bool keep_json_ld = true;            // collect application/ld+json script bodies
  bool drop_unused_attributes = true;  // keep only attributes parsers read (class, href, ...)
};

struct PrefilteredHtml {
  std::string html;                    // markup for Gumbo
  std::vector<std::string> json_ld;    // bodies of <script type="application/ld+json">
  std::size_t dropped_tags = 0;        // start tags dropped by the depth cap
  std::size_t dropped_attributes = 0;  // attributes dropped by the attribute cap
  bool truncated = false;              // max_output was reached
};

PrefilteredHtml PrefilterHtml(std::string_view html, const PrefilterOptions& options = {});

}  // namespace gpalert
