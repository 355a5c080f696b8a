#include "parsers/text/html_tokenizer.h"

#include <algorithm>

#include "common/strings.h"
#include "parsers/text/html_entities.h"

namespace gpalert {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Elements whose content is raw text up to their end tag.
bool IsRawTextElement(std::string_view name) {
  return name == "script" || name == "style" || name == "xmp" || name == "iframe" ||
         name == "noembed" || name == "noframes" || name == "plaintext";
}

// Position of "</name" (case-insensitive) at or after `from`, or npos.
size_t FindEndTag(std::string_view html, size_t from, std::string_view name) {
  size_t i = from;
  while ((i = html.find("</", i)) != std::string_view::npos) {
    if (StartsWithIgnoreCase(html.substr(i + 2), name)) {
      size_t after = i + 2 + name.size();
      if (after >= html.size() || IsSpace(html[after]) || html[after] == '>' || html[after] == '/')
        return i;
    }
    i += 2;
  }
  return std::string_view::npos;
}

}  // namespace

bool IsVoidHtmlElement(std::string_view name) {
  static constexpr std::string_view kVoid[] = {
      "area",  "base",    "basefont", "bgsound", "br",   "col",   "embed",  "frame", "hr", "img",
      "input", "isindex", "keygen",   "link",    "meta", "param", "source", "track", "wbr"};
  return std::find(std::begin(kVoid), std::end(kVoid), name) != std::end(kVoid);
}

bool HtmlTokenizer::Next(HtmlToken* token) {
  // Reset in place so the name and attribute buffers are reused across tokens.
  token->kind = HtmlToken::Kind::kText;
  token->name.clear();
  token->attributes.clear();
  token->self_closing = false;
  token->text = {};
  token->raw_text = false;
  if (!raw_text_end_.empty()) {
    size_t end = FindEndTag(html_, pos_, raw_text_end_);
    if (end == std::string_view::npos) end = html_.size();
    raw_text_end_.clear();
    if (end > pos_) {
      token->kind = HtmlToken::Kind::kText;
      token->text = html_.substr(pos_, end - pos_);
      token->raw_text = true;
      pos_ = end;
      return true;
    }
  }
  while (pos_ < html_.size()) {
    if (html_[pos_] == '<') {
      size_t save = pos_;
      if (ReadTag(token)) return true;
      if (pos_ != save) continue;  // skipped a comment or declaration
    }
    // Text up to the next '<' that may start markup.
    size_t start = pos_;
    size_t i = pos_ + 1;
    while (i < html_.size()) {
      if (html_[i] == '<' && i + 1 < html_.size() &&
          (IsAsciiAlpha(html_[i + 1]) || html_[i + 1] == '/' || html_[i + 1] == '!' ||
           html_[i + 1] == '?'))
        break;
      ++i;
    }
    pos_ = i;
    token->kind = HtmlToken::Kind::kText;
    token->text = html_.substr(start, i - start);
    return true;
  }
  return false;
}

// At '<': reads a tag (true), skips a comment/declaration/PI (false, pos_ moved), or
// leaves pos_ alone when the '<' is just text (false).
bool HtmlTokenizer::ReadTag(HtmlToken* token) {
  std::string_view rest = html_.substr(pos_);
  if (rest.substr(0, 4) == "<!--") {
    size_t end = html_.find("-->", pos_ + 4);
    pos_ = end == std::string_view::npos ? html_.size() : end + 3;
    return false;
  }
  if (rest.substr(0, 9) == "<![CDATA[") {
    size_t end = html_.find("]]>", pos_ + 9);
    size_t stop = end == std::string_view::npos ? html_.size() : end;
    token->kind = HtmlToken::Kind::kText;
    token->text = html_.substr(pos_ + 9, stop - pos_ - 9);
    token->raw_text = true;
    pos_ = end == std::string_view::npos ? html_.size() : end + 3;
    return true;
  }
  if (rest.size() >= 2 && (rest[1] == '!' || rest[1] == '?')) {
    size_t end = html_.find('>', pos_ + 2);
    pos_ = end == std::string_view::npos ? html_.size() : end + 1;
    return false;
  }
  bool end_tag = rest.size() >= 2 && rest[1] == '/';
  size_t i = pos_ + (end_tag ? 2 : 1);
  if (i >= html_.size() || !IsAsciiAlpha(html_[i])) {
    if (end_tag && i < html_.size() && html_[i] == '>') {  // "</>" is dropped
      pos_ = i + 1;
    }
    return false;
  }
  size_t name_start = i;
  while (i < html_.size() && !IsSpace(html_[i]) && html_[i] != '/' && html_[i] != '>') ++i;
  token->kind = end_tag ? HtmlToken::Kind::kEndTag : HtmlToken::Kind::kStartTag;
  token->name = AsciiLower(html_.substr(name_start, i - name_start));
  pos_ = i;
  ReadAttributes(token);
  if (end_tag) {
    token->attributes.clear();
    token->self_closing = false;
  } else if (IsRawTextElement(token->name) && !token->self_closing) {
    raw_text_end_ = token->name;
  }
  return true;
}

void HtmlTokenizer::ReadAttributes(HtmlToken* token) {
  size_t i = pos_;
  const size_t n = html_.size();
  while (i < n) {
    while (i < n && IsSpace(html_[i])) ++i;
    if (i >= n) break;
    if (html_[i] == '>') {
      ++i;
      break;
    }
    if (html_[i] == '/') {
      if (i + 1 < n && html_[i + 1] == '>') {
        token->self_closing = true;
        i += 2;
        break;
      }
      ++i;
      continue;
    }
    size_t name_start = i;
    while (i < n && !IsSpace(html_[i]) && html_[i] != '=' && html_[i] != '>' &&
           !(html_[i] == '/' && i + 1 < n && html_[i + 1] == '>'))
      ++i;
    if (i == name_start) {
      ++i;
      continue;
    }  // a stray '='
    std::string name = AsciiLower(html_.substr(name_start, i - name_start));
    while (i < n && IsSpace(html_[i])) ++i;
    std::string value;
    if (i < n && html_[i] == '=') {
      ++i;
      while (i < n && IsSpace(html_[i])) ++i;
      if (i < n && (html_[i] == '"' || html_[i] == '\'')) {
        char q = html_[i++];
        size_t end = html_.find(q, i);
        if (end == std::string_view::npos) end = n;
        value = DecodeHtmlEntities(html_.substr(i, end - i));
        i = end < n ? end + 1 : n;
      } else {
        size_t vs = i;
        while (i < n && !IsSpace(html_[i]) && html_[i] != '>') ++i;
        value = DecodeHtmlEntities(html_.substr(vs, i - vs));
      }
    }
    bool seen = std::any_of(token->attributes.begin(), token->attributes.end(),
                            [&](const auto& a) { return a.first == name; });
    if (!seen && token->attributes.size() < kMaxAttributes)
      token->attributes.emplace_back(std::move(name), std::move(value));
  }
  pos_ = i;
}

}  // namespace gpalert
