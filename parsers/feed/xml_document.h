// XmlDocument: an owned libxml2 document parsed safely from UTF-8 text, plus the
// diagnostics of the parse. The parse never loads anything (an external-entity loader
// that refuses every URL, file:// included, is installed process-wide), never
// substitutes entities, never lifts libxml2's size limits, and recovers from
// ill-formed input. A document is used by one thread at a time.
#pragma once

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gpalert {

struct XmlDocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

struct XmlDocument {
  XmlDocPtr doc;                    // null when nothing could be recovered
  bool well_formed = true;          // false: recovered from errors
  std::vector<std::string> errors;  // "line 7, column 3: ..." (first few)
  size_t error_count = 0;

  xmlNode* root() const { return doc ? xmlDocGetRootElement(doc.get()) : nullptr; }
};

// Parses `utf8`; an encoding named by its XML declaration is ignored.
XmlDocument ParseXmlDocument(std::string_view utf8);

}  // namespace gpalert
