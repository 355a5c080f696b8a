#include "common/regex.h"

#include <re2/re2.h>

#include <utility>

namespace gpalert {

Result<Regex> Regex::Compile(std::string_view pattern) {
  RE2::Options options;
  options.set_log_errors(false);  // the error comes back as a Status, not on stderr
  auto re = std::make_unique<RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
  if (!re->ok()) return Status::InvalidArgument(re->error());
  return Regex(std::move(re));
}

Regex::Regex(std::unique_ptr<re2::RE2> re) : re_(std::move(re)) {}
Regex::Regex(Regex&&) noexcept = default;
Regex& Regex::operator=(Regex&&) noexcept = default;
Regex::~Regex() = default;

bool Regex::Search(std::string_view text) const {
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *re_);
}

std::string Regex::ReplaceAll(std::string_view text, std::string_view replacement) const {
  std::string out(text);
  // RE2 reads \1..\9 in the rewrite string; escape backslashes so it stays literal.
  std::string rewrite;
  for (char c : replacement) {
    if (c == '\\') rewrite += '\\';
    rewrite += c;
  }
  RE2::GlobalReplace(&out, *re_, rewrite);
  return out;
}

}  // namespace gpalert
