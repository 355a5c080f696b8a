// GumboTree: one run of Gumbo's tree builder under a ParseBudget, and the tree it built.
// Every block Gumbo allocates goes through a tracking allocator that counts the bytes
// held; past the budget's byte limit, or when the budget's CPU time runs out or it is
// cancelled (checked every 1024 allocations), the allocator abandons the parse by
// longjmp back into Parse (Gumbo is C: no destructor is skipped) and every block is freed
// from the tracking list. So the hard limits hold while Gumbo works, not after it.
// Owns the GumboOutput and all its memory. One thread at a time.
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <memory>
#include <string_view>

#include "common/status.h"
#include "parsers/page/parse_budget.h"

namespace gpalert {

struct GumboArena;  // gumbo_tree.cc: the tracking allocator's state

class GumboTree {
 public:
  // `options` as for gumbo_parse_with_options; its allocator fields are replaced.
  static Result<GumboTree> Parse(std::string_view html, GumboOptions options,
                                 const ParseBudget& budget);

  GumboTree(GumboTree&&) noexcept;
  GumboTree& operator=(GumboTree&&) noexcept;
  ~GumboTree();

  const GumboNode* root() const;
  // Most bytes Gumbo held at once during the parse.
  std::size_t peak_bytes() const;

 private:
  explicit GumboTree(std::unique_ptr<GumboArena> arena);
  std::unique_ptr<GumboArena> arena_;
};

}  // namespace gpalert
