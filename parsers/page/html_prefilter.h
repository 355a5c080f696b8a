// HtmlPrefilter: one linear pass over UTF-8 HTML before Gumbo sees it. It drops the
// bodies of <script>, <style>, <noscript> and <template> and all comments (work Gumbo
// need not do), keeps the text of JSON-LD scripts aside, and bounds what Gumbo 0.10.1's
// tree builder can be made to do, so that hostile markup cannot make it take seconds or
// gigabytes: start tags nested deeper than a cap, tables nested deeper than a cap and
// formatting elements (a, b, big, code, em, font, i, nobr, s, small, strike, strong, tt,
// u) beyond a cap of unclosed ones are dropped (with their end tags); attributes beyond a
// count, longer than a cap, or that no parser reads are dropped; the document is cut
// after a budget of start tags. The formatting caps are what stop the quadratic case:
// Gumbo clones every active formatting element at each new block ("reconstruct the
// active formatting elements"), so N unclosed <b id=...> before N paragraphs build N^2
// nodes; past a budget of such re-openings, unclosed formatting elements are closed
// before each start tag. Pure function; any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gpalert {

struct PrefilterOptions {
  std::size_t max_depth = 256;       // start tags deeper than this are dropped
  std::size_t max_attributes = 64;   // further attributes of a tag are dropped
  std::size_t max_output = 6 << 20;  // markup beyond this is cut (at a tag boundary)
  std::size_t max_tags = 100000;     // the document is cut after this many start tags
  std::size_t max_formatting = 12;   // unclosed formatting elements let through
  // Formatting elements Gumbo may re-open, summed over start tags; past this budget the
  // unclosed ones are closed explicitly before each start tag.
  std::size_t max_reconstruction = 20000;
  std::size_t max_table_depth = 16;         // tables nested deeper than this are dropped
  std::size_t max_attribute_value = 16384;  // longer attribute values drop the attribute
  bool keep_json_ld = true;                 // collect application/ld+json script bodies
  bool drop_unused_attributes = true;       // keep only attributes parsers read (class, href, ...)
};

struct PrefilteredHtml {
  std::string html;                     // markup for Gumbo
  std::vector<std::string> json_ld;     // bodies of <script type="application/ld+json">
  std::size_t dropped_tags = 0;         // start tags dropped by the depth, table or formatting caps
  std::size_t dropped_attributes = 0;   // attributes dropped by the count cap
  std::size_t dropped_long_values = 0;  // attributes dropped by the value length cap
  bool truncated = false;               // max_output was reached
};

PrefilteredHtml PrefilterHtml(std::string_view html, const PrefilterOptions& options = {});

}  // namespace gpalert
