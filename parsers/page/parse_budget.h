// ParseBudget: the resource limits one document's parse and extraction run under — CPU
// time of the calling thread, bytes the HTML tree builder may hold, nodes in the copied
// tree — and a cancellation flag the daemon raises on shutdown. A document over budget
// fails alone with "page too complex: ..." instead of taking the thread, the memory or
// the shutdown with it. The prefilter (html_prefilter.h) keeps ordinary hostile markup far
// below these limits; the budget is the hard stop behind it. Owned by the caller of one
// parse, used by that thread only; the flag it points to may be set from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>

#include "common/status.h"

namespace gpalert {

struct ParseLimits {
  std::chrono::milliseconds max_cpu{5000};    // CPU time of the parsing thread, per document
  std::size_t max_parser_bytes = 192u << 20;  // peak heap of the HTML tree builder
  std::size_t max_nodes = 300000;             // elements and text nodes in the copied tree
  const std::atomic<bool>* cancel = nullptr;  // set: stop at the next check ("shutting down")
};

class ParseBudget {
 public:
  explicit ParseBudget(const ParseLimits& limits = {});

  const ParseLimits& limits() const { return limits_; }
  // Ok while within the CPU limit and not cancelled; otherwise the error every parse
  // step returns from then on (kInvalidArgument "page too complex: ..." or kTemporary
  // "cancelled: shutting down"). Cheap: one clock read.
  Status Check() const;
  // The same test without building an error (for callbacks that must not allocate).
  bool Exceeded() const noexcept;
  // The errors for the other two limits, with the figures in the words.
  Status TooManyNodes() const;
  Status TooMuchMemory(std::size_t bytes) const;
  // CPU time this document has used so far.
  std::chrono::microseconds cpu_used() const noexcept;

 private:
  ParseLimits limits_;
  std::chrono::microseconds start_;
};

}  // namespace gpalert
