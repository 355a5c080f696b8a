// HtmlTokenizer: a small, forgiving HTML tokenizer for the HTML fragments feeds
// carry (descriptions, content). Splits markup into start tags, end tags and text;
// comments, doctypes and processing instructions are skipped. Never fails, runs in
// linear time, and caps attributes per tag. One instance per fragment; any thread.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gpalert {

struct HtmlToken {
  enum class Kind { kStartTag, kEndTag, kText };
  Kind kind = Kind::kText;
  std::string name;                                             // tags: lower-cased name
  std::vector<std::pair<std::string, std::string>> attributes;  // lower-cased name, decoded value
  bool self_closing = false;                                    // "<br/>"
  std::string_view text;  // kText: raw source text (references not yet decoded)
  bool raw_text = false;  // kText inside script/style/...: no references to decode
};

class HtmlTokenizer {
 public:
  // `html` must outlive the tokenizer (text tokens point into it).
  explicit HtmlTokenizer(std::string_view html) : html_(html) {}

  // Reads the next token into *token; false at the end of the input.
  bool Next(HtmlToken* token);

  // Offset just past the last token read.
  size_t position() const { return pos_; }

  static constexpr size_t kMaxAttributes = 64;

 private:
  bool ReadTag(HtmlToken* token);
  void ReadAttributes(HtmlToken* token);

  std::string_view html_;
  size_t pos_ = 0;
  std::string raw_text_end_;  // "script" while inside <script>: text until </script
};

// True for HTML void elements (no end tag: br, img, hr, input, meta, ...).
bool IsVoidHtmlElement(std::string_view name);

}  // namespace gpalert
