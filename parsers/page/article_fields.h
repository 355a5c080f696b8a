// Article fields read from the visible page rather than its metadata: the byline
// ("By ...", "Par ...", "Von ...", "Autor: ...", or such a label in an element of its own
// before the name), the date (<time datetime>, "6 December 2021", "6. Dezember 2021",
// "06.12.2021": parsers/text/visible_date.h) and the standfirst written
// between the headline and the body (kept at the head of the body text); the trailing
// References/Notes/Sources list; the lead's first sentences; absolute links in the
// extracted body. The caller's thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/time_format.h"
#include "parsers/page/extract_trace.h"
#include "parsers/page/html_document.h"

namespace gpalert {

struct VisibleFields {
  std::optional<std::string> byline;
  std::optional<Instant> published;
  std::optional<std::string> standfirst;
  // The standfirst reads as the article's first paragraph (not a caption, a menu entry
  // or a link), so the text keeps it.
  bool standfirst_is_text = false;
};

// Reads the header zone: from the headline (<h1>, or the heading that matches `title`)
// to the first long paragraph; <time datetime> anywhere in the body counts for the date.
VisibleFields ReadVisibleFields(const HtmlDocument& doc, std::string_view title);

// Items of a trailing References / Notes / Sources list inside `root`, as plain text.
std::vector<std::string> FindReferences(const HtmlDocument& doc, NodeId root);

// A byline without the label, date, time or counters pages write beside the name
// ("Sarah Archer 1:39 PM ET", "By Joshua Sokol May 20, 2019", "Name • 8h"); "" for a
// label alone or a date line.
std::string CleanByline(std::string_view byline);

// The first sentences of `text`, up to about max_chars (never cutting a word).
std::string FirstSentences(std::string_view text, std::size_t max_chars);

// Removes "first published in ..." notes and lines of bare action words ("Print
// Bookmark") from the end of the extracted body.
// `trace`, when set, receives each removal.
void DropTrailingBoilerplate(HtmlDocument* doc, NodeId root, ExtractTrace* trace = nullptr);

// Puts the standfirst at the head of the extracted body when the body left it out: the
// page shows it as the article's first paragraph.
void KeepStandfirst(HtmlDocument* doc, NodeId root, std::string_view standfirst);

// Resolves href/src in `root` against `base`; javascript: links become their text.
void AbsolutizeLinks(HtmlDocument* doc, NodeId root, std::string_view base);

}  // namespace gpalert
