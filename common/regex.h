// Regex: a compiled regular expression for patterns that come from a config or meet text
// from a page (link_pattern, byline clean-up). Backed by RE2, which matches in time
// linear in the input and never recurses, so no pattern and no input can hang or crash
// the daemon; RE2 syntax (no backreferences or lookaround). Immutable once compiled:
// any thread may match concurrently.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

namespace re2 {
class RE2;
}

namespace gpalert {

class Regex {
 public:
  // kInvalidArgument with RE2's reason ("missing ): (a") for a pattern it rejects.
  static Result<Regex> Compile(std::string_view pattern);

  Regex(Regex&&) noexcept;
  Regex& operator=(Regex&&) noexcept;
  ~Regex();

  // True when the pattern matches somewhere in `text` (unanchored, like std::regex_search).
  bool Search(std::string_view text) const;

  // `text` with every non-overlapping match replaced by `replacement` (taken literally).
  std::string ReplaceAll(std::string_view text, std::string_view replacement) const;

 private:
  explicit Regex(std::unique_ptr<re2::RE2> re);
  std::unique_ptr<re2::RE2> re_;
};

}  // namespace gpalert
