// ParseAtom: fills a ParsedFeed from an Atom 1.0 or 0.3 document tree: text
// constructs (type text/html/xhtml, other media types, 0.3 modes escaped/base64/xml),
// links by rel, persons, categories, enclosures, Dublin Core. Format name set by the
// caller. Pure on the tree; same thread rules as the XmlDocument it reads.
#pragma once

#include <libxml/tree.h>

#include "parsers/feed/feed_parser.h"
#include "parsers/feed/feed_values.h"

namespace gpalert {

void ParseAtom(const xmlNode* root, bool atom03, FeedContext* ctx, ParsedFeed* feed);

}  // namespace gpalert
