// Small helpers on libxml2 nodes: the only place the feed parser touches xmlChar*.
// Names, namespaces, attributes, text, xml:base and serialisation of child markup.
// Nodes belong to an XmlDocument (parsers/feed/xml_document.h); same thread rules.
#pragma once

#include <libxml/tree.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gpalert {

inline bool IsElement(const xmlNode* n) { return n != nullptr && n->type == XML_ELEMENT_NODE; }

// Local name ("title" for <dc:title>); for a prefixed name whose prefix was never
// declared (kept whole by libxml2 in recover mode) the part after the colon.
std::string_view LocalName(const xmlNode* node);

// Namespace URI; for an undeclared prefix "dc:title", the prefix ("dc") marked by
// a leading '#' so callers can map well-known prefixes. "" when none.
std::string NamespaceUri(const xmlNode* node);

// Attribute without namespace; nullopt when absent.
std::optional<std::string> Attribute(const xmlNode* node, const char* name);
// Attribute in namespace `ns_uri` (e.g. rdf:about).
std::optional<std::string> AttributeNs(const xmlNode* node, const char* name, const char* ns_uri);
// Attribute matched by local name in any namespace or none (first found).
std::optional<std::string> AttributeAnyNs(const xmlNode* node, std::string_view local_name);

// Concatenated text of the node and its descendants.
std::string TextContent(const xmlNode* node);

// The node's children written back as markup: elements by local name, an xmlns
// declaration where the namespace changes, attributes with their prefixes, text
// escaped. Used for inline XHTML/XML content.
std::string InnerMarkup(const xmlNode* node);

// The xml:base in scope at `node`, each resolved against the one outside it and the
// outermost against `document_base`.
std::string BaseUrlOf(const xmlNode* node, const std::string& document_base);

// Namespace URIs declared on the element itself (xmlns, xmlns:p).
std::vector<std::string> DeclaredNamespaces(const xmlNode* node);

// xml:lang in scope on the node itself (not inherited); nullopt when absent.
std::optional<std::string> XmlLangOf(const xmlNode* node);

}  // namespace gpalert
