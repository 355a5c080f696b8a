// Extraction hints: what class/id names, tag names and headings tell the body
// extractor (unlikely/positive/negative/byline/share names, phrasing and block tags),
// and the word-overlap similarity used to match headings and titles. Pure; any thread.
#pragma once

#include <string_view>

namespace gpalert {

// Each takes the lower-cased "class id" of an element.
bool UnlikelyHint(std::string_view class_and_id);        // nav, footer, comments, ...
bool MaybeCandidateHint(std::string_view class_and_id);  // overrides UnlikelyHint
bool PositiveHint(std::string_view class_and_id);        // article, content, post, ...
bool NegativeHint(std::string_view class_and_id);        // sidebar, share, promo, ...
bool BylineHint(std::string_view class_and_id);          // byline, author, ...
bool ShareHint(std::string_view class_and_id);           // "share" / "sharedaddy" words

bool IsPhrasingTag(std::string_view tag);  // inline content (span, em, img, ...)
bool IsDivToPTag(std::string_view tag);    // blocks that keep a <div> from becoming a <p>
bool IsHeading(std::string_view tag);      // h1..h6

// Share of b's ASCII words (by joined length) that also occur in a, in [0, 1].
double TextSimilarity(std::string_view a, std::string_view b);

}  // namespace gpalert
