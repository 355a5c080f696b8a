#include "parsers/feed/xml_node.h"

#include <memory>
#include <vector>

#include "common/html_escape.h"
#include "common/url.h"
#include "parsers/text/html_sanitizer.h"

namespace gpalert {
namespace {

const char* Chars(const xmlChar* s) { return reinterpret_cast<const char*>(s); }
const xmlChar* XmlChars(const char* s) { return reinterpret_cast<const xmlChar*>(s); }

struct XmlCharFree {
  void operator()(xmlChar* s) const { xmlFree(s); }
};
using XmlString = std::unique_ptr<xmlChar, XmlCharFree>;

std::optional<std::string> Take(xmlChar* value) {
  XmlString owned(value);
  if (!owned) return std::nullopt;
  return std::string(Chars(owned.get()));
}

constexpr const char* kXmlNamespace = "http://www.w3.org/XML/1998/namespace";

void AppendAttributes(const xmlNode* node, std::string* out) {
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    std::string name;
    if (a->ns != nullptr && a->ns->prefix != nullptr) {
      name = Chars(a->ns->prefix);
      name += ':';
    }
    name += Chars(a->name);
    auto value = Take(xmlNodeListGetString(node->doc, a->children, 1));
    *out += ' ';
    *out += name;
    *out += "=\"";
    *out += EscapeHtml(value.value_or(""), HtmlEscapeMode::kAttribute);
    *out += '"';
  }
}

const char* NsHref(const xmlNode* n) {
  return (n != nullptr && n->type == XML_ELEMENT_NODE && n->ns != nullptr && n->ns->href != nullptr)
             ? Chars(n->ns->href)
             : "";
}

void AppendMarkup(const xmlNode* node, std::string* out, int depth) {
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    switch (c->type) {
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE:
        if (c->content) *out += EscapeHtml(Chars(c->content));
        break;
      case XML_ELEMENT_NODE: {
        std::string name(LocalName(c));
        *out += '<';
        *out += name;
        std::string_view href = NsHref(c);
        if (href != NsHref(c->parent)) {
          *out += " xmlns=\"";
          *out += EscapeHtml(href, HtmlEscapeMode::kAttribute);
          *out += '"';
        }
        AppendAttributes(c, out);
        *out += '>';
        if (depth < 256) AppendMarkup(c, out, depth + 1);
        *out += "</" + name + ">";
        break;
      }
      default:
        break;  // comments, PIs, entity references (no DTD is ever kept)
    }
  }
}

}  // namespace

std::string_view LocalName(const xmlNode* node) {
  if (node == nullptr || node->name == nullptr) return {};
  std::string_view name = Chars(node->name);
  if (node->ns == nullptr) {
    auto colon = name.find(':');
    if (colon != std::string_view::npos) return name.substr(colon + 1);
  }
  return name;
}

std::string NamespaceUri(const xmlNode* node) {
  if (node == nullptr) return {};
  if (node->ns != nullptr && node->ns->href != nullptr) return Chars(node->ns->href);
  std::string_view name = node->name ? Chars(node->name) : "";
  auto colon = name.find(':');
  if (colon != std::string_view::npos) return "#" + std::string(name.substr(0, colon));
  return {};
}

std::optional<std::string> Attribute(const xmlNode* node, const char* name) {
  if (!IsElement(node)) return std::nullopt;
  return Take(xmlGetNoNsProp(const_cast<xmlNode*>(node), XmlChars(name)));
}

std::optional<std::string> AttributeNs(const xmlNode* node, const char* name, const char* ns_uri) {
  if (!IsElement(node)) return std::nullopt;
  return Take(xmlGetNsProp(const_cast<xmlNode*>(node), XmlChars(name), XmlChars(ns_uri)));
}

std::optional<std::string> AttributeAnyNs(const xmlNode* node, std::string_view local_name) {
  if (!IsElement(node)) return std::nullopt;
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    std::string_view name = Chars(a->name);
    auto colon = name.find(':');
    if (a->ns == nullptr && colon != std::string_view::npos) name = name.substr(colon + 1);
    if (name == local_name) return Take(xmlNodeListGetString(node->doc, a->children, 1));
  }
  return std::nullopt;
}

std::string TextContent(const xmlNode* node) {
  if (node == nullptr) return {};
  const xmlNode* only = node->children;
  if (node->type == XML_ELEMENT_NODE && only == nullptr) return {};
  if (node->type == XML_ELEMENT_NODE && only->next == nullptr &&
      (only->type == XML_TEXT_NODE || only->type == XML_CDATA_SECTION_NODE) &&
      only->content != nullptr)
    return Chars(only->content);  // the common case, without libxml2's extra copy
  return Take(xmlNodeGetContent(node)).value_or("");
}

std::string InnerMarkup(const xmlNode* node) {
  std::string out;
  if (node != nullptr) AppendMarkup(node, &out, 0);
  return out;
}

std::string BaseUrlOf(const xmlNode* node, const std::string& document_base) {
  std::vector<std::string> bases;
  for (const xmlNode* n = node; n != nullptr && n->type == XML_ELEMENT_NODE; n = n->parent) {
    auto base = AttributeNs(n, "base", kXmlNamespace);
    if (base) bases.push_back(std::move(*base));
  }
  std::string url = document_base;
  for (auto it = bases.rbegin(); it != bases.rend(); ++it) url = ResolveUrl(url, *it);
  return url;
}

std::vector<std::string> DeclaredNamespaces(const xmlNode* node) {
  std::vector<std::string> out;
  if (!IsElement(node)) return out;
  for (const xmlNs* d = node->nsDef; d != nullptr; d = d->next)
    if (d->href != nullptr) out.emplace_back(Chars(d->href));
  return out;
}

std::optional<std::string> XmlLangOf(const xmlNode* node) {
  return AttributeNs(node, "lang", kXmlNamespace);
}

}  // namespace gpalert
