#include "alerts/full_text.h"

#include "common/html_escape.h"
#include "common/strings.h"
#include "common/url.h"
#include "parsers/text/html_sanitizer.h"
#include "parsers/text/html_tokenizer.h"

namespace gpalert {
namespace {

std::string AttributeOf(const HtmlToken& token, std::string_view name) {
  for (const auto& [key, value] : token.attributes) {
    if (key == name) return value;
  }
  return "";
}

// Tags whose element a mail would fetch or play by itself; the tag goes, its content
// (fallback text, a <picture>'s <img>) stays.
bool IsEmbeddedMediaTag(std::string_view name) {
  return name == "source" || name == "track" || name == "picture" || name == "video" ||
         name == "audio";
}

}  // namespace

std::string MailSafeArticleHtml(std::string_view html, std::string_view base_url) {
  const std::string safe = SanitizeHtml(html, base_url);
  std::string out;
  out.reserve(safe.size());
  HtmlTokenizer tokenizer(safe);
  HtmlToken token;
  std::size_t start = 0;
  int open_links = 0;  // an image inside a link becomes text: links do not nest
  while (tokenizer.Next(&token)) {
    std::string_view raw = std::string_view(safe).substr(start, tokenizer.position() - start);
    start = tokenizer.position();
    if (token.kind == HtmlToken::Kind::kText) {
      out += raw;
      continue;
    }
    if (token.name == "a") open_links += token.kind == HtmlToken::Kind::kStartTag ? 1 : -1;
    if (open_links < 0) open_links = 0;
    if (IsEmbeddedMediaTag(token.name)) continue;
    if (token.name != "img") {
      out += raw;
      continue;
    }
    if (token.kind != HtmlToken::Kind::kStartTag) continue;
    std::string alt = CollapseWhitespace(AttributeOf(token, "alt"));
    std::string label = EscapeHtml(alt.empty() ? "[Image]" : "[Image: " + alt + "]");
    std::string src = AttributeOf(token, "src");
    if (open_links > 0 || !IsHttpUrl(src)) {
      out += label;
    } else {
      out += "<a href=\"" + EscapeHtml(src, HtmlEscapeMode::kAll) + "\">" + label + "</a>";
    }
  }
  return out;
}

std::vector<std::string> TextParagraphs(std::string_view text) {
  std::vector<std::string> out;
  std::string paragraph;
  auto flush = [&] {
    if (!paragraph.empty()) out.push_back(std::move(paragraph));
    paragraph.clear();
  };
  for (std::string_view line : Split(text, '\n')) {
    std::string collapsed = CollapseWhitespace(line);
    if (collapsed.empty()) {
      flush();
    } else {
      if (!paragraph.empty()) paragraph += '\n';
      paragraph += collapsed;
    }
  }
  flush();
  return out;
}

}  // namespace gpalert
