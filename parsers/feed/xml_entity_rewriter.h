// RewriteXmlEntities: prepares decoded feed text for a safe XML parse. The DOCTYPE is
// removed (so libxml2 never sees an entity declaration or an external subset); simple
// internal entities it declared ("&foo;" → text, no references inside) are substituted
// here under a size budget, so billion-laughs and quadratic-blowup documents stay small;
// HTML named entities XML does not define become numeric references; unknown names and
// bare '&' become literal text. Comments, CDATA sections and PIs are copied untouched.
// Pure; any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gpalert {

struct RewrittenXml {
  bool changed = false;  // false: use the input as it is (`text` is then empty)
  std::string text;      // the rewritten document when `changed`
  bool had_doctype = false;
  std::vector<std::string> warnings;  // undefined entities, bare '&', dropped declarations
};

RewrittenXml RewriteXmlEntities(std::string_view xml);

}  // namespace gpalert
