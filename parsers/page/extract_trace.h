// ExtractTrace: why the extractor kept or dropped each part of a page, for `gpalert
// extract --explain`. ExtractArticle fills it when ExtractOptions::trace is set: the
// page as parsed, the rule each removal obeyed (the scan's unlikely names, the
// cleaner's conditional rules, the chrome pruner's phrase classes and shapes, the
// trailing boilerplate), the scored candidates and the container chosen, and the page
// after extraction; ExplainExtraction turns that into text. One trace per extraction;
// the caller's thread.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "parsers/page/html_document.h"

namespace gpalert {

struct TraceDrop {
  std::string stage;  // "scan", "cleaner", "chrome pruner", "trailing boilerplate", ...
  std::string rule;   // what decided, in words: 'unlikely class/id "share"'
};

struct TraceCandidate {
  NodeId id = kNoNode;
  double score = 0;  // content score after the link-density discount
  double link_density = 0;
};

class ExtractTrace {
 public:
  // Records why `id` (and with it its subtree) left the page; the first reason stays.
  void Dropped(NodeId id, std::string stage, std::string rule);
  const TraceDrop* DropOf(NodeId id) const;
  // A sibling of the top candidate joined the article, and why.
  void Joined(NodeId id, std::string why) { joined_[id] = std::move(why); }
  const std::string* JoinOf(NodeId id) const;

  std::vector<TraceCandidate> candidates;  // the best, best first
  NodeId top = kNoNode;                    // the candidate chosen (after climbing)
  std::string top_why;                     // how it was chosen
  std::string attempt;                     // which rules the kept attempt used
  std::optional<HtmlDocument> before;      // the page as parsed (ids as in `after`)
  std::optional<HtmlDocument> after;       // the page once extracted
  NodeId root = kNoNode;                   // the extracted body in `after`

 private:
  std::unordered_map<NodeId, TraceDrop> drops_;
  std::unordered_map<NodeId, std::string> joined_;
};

// The explanation of a traced extraction: the attempt, the candidates and the
// container, then every block of the page in order (runs of blocks with the same fate
// folded into one line) as kept or dropped, with its text length, link density and
// text density and the rule that decided.
std::string ExplainExtraction(const ExtractTrace& trace);

}  // namespace gpalert
