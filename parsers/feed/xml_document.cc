#include "parsers/feed/xml_document.h"

#include <fmt/format.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include <climits>
#include <mutex>

#include "common/strings.h"

namespace gpalert {
namespace {

constexpr size_t kMaxErrorsKept = 10;

// Refuses every external entity, DTD and XInclude: feeds never need one, and a
// loader is the only way to stop file:// (XML_PARSE_NONET covers the network only).
xmlParserInputPtr RefuseExternalEntity(const char*, const char*, xmlParserCtxtPtr) noexcept {
  return nullptr;
}

void InstallSafeGlobals() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    xmlSetExternalEntityLoader(RefuseExternalEntity);
  });
}

struct ParserCtxtFree {
  void operator()(xmlParserCtxt* ctxt) const { xmlFreeParserCtxt(ctxt); }
};

void CollectError(void* user_data, xmlErrorPtr error) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(user_data);
  auto* out = static_cast<XmlDocument*>(ctxt->_private);
  if (out == nullptr || error == nullptr || error->level == XML_ERR_NONE) return;
  if (error->level >= XML_ERR_ERROR) out->well_formed = false;
  ++out->error_count;
  if (out->errors.size() >= kMaxErrorsKept) return;
  std::string message = error->message ? std::string(TrimAscii(error->message)) : "XML error";
  out->errors.push_back(
      fmt::format("line {}, column {}: {}", error->line, error->int2, SanitizeUtf8(message)));
}

}  // namespace

XmlDocument ParseXmlDocument(std::string_view utf8) {
  InstallSafeGlobals();
  XmlDocument result;
  if (utf8.size() > static_cast<size_t>(INT_MAX)) {
    result.well_formed = false;
    result.errors.push_back("document too large for the XML parser");
    return result;
  }
  std::unique_ptr<xmlParserCtxt, ParserCtxtFree> ctxt(xmlNewParserCtxt());
  if (!ctxt) {
    result.well_formed = false;
    result.errors.push_back("out of memory creating the XML parser");
    return result;
  }
  ctxt->_private = &result;
  ctxt->sax->serror = CollectError;
  ctxt->vctxt.error = nullptr;
  ctxt->vctxt.warning = nullptr;
  // Never XML_PARSE_NOENT, XML_PARSE_DTDLOAD or XML_PARSE_HUGE (see STYLE.md).
  // The text is UTF-8 whatever its XML declaration says (XML_PARSE_IGNORE_ENC).
  int options = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT |
                XML_PARSE_NOWARNING | XML_PARSE_NOERROR | XML_PARSE_IGNORE_ENC;
  xmlDoc* doc = xmlCtxtReadMemory(ctxt.get(), utf8.data(), static_cast<int>(utf8.size()), nullptr,
                                  "UTF-8", options);
  result.doc.reset(doc);
  if (!ctxt->wellFormed) result.well_formed = false;
  ctxt->_private = nullptr;
  return result;
}

}  // namespace gpalert
