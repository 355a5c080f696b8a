// CleanBody: takes the chrome out of the article container ExtractBody chose (Mozilla
// Readability's cleaning rules): embeds, asides, footers, form controls, navigation and
// small share boxes go; forms, fieldsets, tables, lists and divs go when their link
// density, image/paragraph balance, class weight or emptiness say they are not the
// article (data tables stay); h1 becomes h2; empty paragraphs go. Mutates the document;
// the caller's thread.
#pragma once

#include "parsers/page/extract_trace.h"
#include "parsers/page/html_document.h"

namespace gpalert {

struct CleanOptions {
  bool weight_classes = true;       // class/id hints count (-25/+25)
  bool clean_conditionally = true;  // the link-density / balance rules run
  ExtractTrace* trace = nullptr;    // when set, receives the rule of each removal
};

void CleanBody(HtmlDocument* doc, NodeId article, const CleanOptions& options);

}  // namespace gpalert
