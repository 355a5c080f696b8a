// ParseRss: fills a ParsedFeed from an RSS 0.90-0.94, 1.0 (RDF) or 2.0 document tree
// (channel, items, Dublin Core, content:encoded, xhtml:body). The format name is set
// by the caller (feed_parser.cc decides it once from the root element).
// Pure on the tree; same thread rules as the XmlDocument it reads.
#pragma once

#include <libxml/tree.h>

#include "parsers/feed/feed_parser.h"
#include "parsers/feed/feed_values.h"

namespace gpalert {

void ParseRss(const xmlNode* root, FeedContext* ctx, ParsedFeed* feed);

}  // namespace gpalert
