// TextShape: what the shape of a block's text says about it, whatever its words: prose
// (sentences), a dateline ("Freitag | 14. Juni 2019 | 15:49", "Updated 5:27 am"), a
// counter ("Image 1 of 8", "3/12"), a trail of short items split by separators
// (breadcrumbs, tag lists: "Home > News > Welt"). Pure; any thread.
#pragma once

#include <cstddef>
#include <string_view>

namespace gpalert {

// Words (runs of letters or digits; each kana or ideograph is one) in `text`.
std::size_t WordCount(std::string_view text);

// Ends with a sentence's closing punctuation (. ! ? … 。 and closing quotes or
// brackets after it).
bool EndsLikeSentence(std::string_view text);

// Reads like running text: enough words, a sentence end, no trail of separators.
bool ReadsLikeProse(std::string_view text);

// Only dates, times, weekdays and dateline words, with a number and a month or weekday
// name or a numeric date: "16 marca 2021", "24.01.2022 11:38", "Updated 5:27 am".
bool IsDateline(std::string_view text);

// A slideshow counter: "Image 1 of 8", "Bild 3 von 12", "3 / 12".
bool IsCounter(std::string_view text);

// A news agency's tag closing a report: "aja/PAP", "(dpa)", "AFP/SID", "kna/epd".
bool IsAgencyTag(std::string_view text);

// Three or more short parts split by " | ", " > ", " » ", " › ", " / ", " • ", " · " or
// " :: " (breadcrumbs, tag and category trails, menus written out).
bool IsSeparatedTrail(std::string_view text);

}  // namespace gpalert
