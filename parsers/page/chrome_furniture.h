// ChromeFurniture: what an element's class and id names say it is when they name page
// furniture - a photo credit, a figure caption, a post meta line (tags, ratings, table
// of contents, disclaimer) or an author box - and the removal of credits written inline
// ("<span class=copyright>"). Pure functions over a document (DropInlineCredits mutates
// it); the caller's thread.
#pragma once

#include <cstddef>

#include "parsers/page/html_document.h"

namespace gpalert {

enum class Furniture { kNone, kCredit, kCaption, kMeta, kAuthor };

// What the element's own class or id names it (kNone for text nodes).
Furniture FurnitureOf(const HtmlNode& element);

// The longest text (code points) a box of that furniture holds; a longer box named so is
// a page section that happens to carry the name ("entry-meta" around the article).
std::size_t FurnitureLimit(Furniture furniture);

// Unlinks the inline elements under `root` named as credits whose text is at most
// max_length code points, wherever they sit (a caption, a paragraph).
void DropInlineCredits(HtmlDocument* doc, NodeId root, std::size_t max_length = 150);

}  // namespace gpalert
