#include "parsers/page/chrome_furniture.h"

#include <string>
#include <string_view>
#include <vector>

#include "common/strings.h"
#include "parsers/page/dom_text.h"
#include "parsers/page/text_blocks.h"

namespace gpalert {
namespace {

// Lower-case parts of class and id names, matched anywhere in the name.
Furniture FurnitureOfName(std::string_view name) {
  static constexpr std::string_view kAuthors[] = {
      "author-bio",  "author-box",   "authorbox", "about-author", "author-info",
      "post-author", "entry-author", "autor-box", "autorenbox",   "abh_"};
  static constexpr std::string_view kCredits[] = {"credit",     "copyright",    "bildnachweis",
                                                  "bildquelle", "photographer", "fotograf"};
  static constexpr std::string_view kCaptions[] = {
      "caption",    "bildunterschrift", "legende",    "imagedescr", "image-annot", "img-desc",
      "photo-desc", "image-sub",        "image-text", "bildtext",   "dida"};
  static constexpr std::string_view kMeta[] = {
      "postmetadata", "entry-utility", "entry-meta",   "post-meta",    "tag-links",
      "post-tags",    "entry-tags",    "article-tags", "post-ratings", "rating",
      "ez-toc",       "disclaimer",    "rss"};
  auto any = [&](const auto& parts) {
    for (std::string_view part : parts)
      if (name.find(part) != std::string_view::npos) return true;
    return false;
  };
  if (name.empty()) return Furniture::kNone;
  if (any(kAuthors)) return Furniture::kAuthor;
  if (any(kCredits)) return Furniture::kCredit;
  if (any(kCaptions)) return Furniture::kCaption;
  if (any(kMeta)) return Furniture::kMeta;
  return Furniture::kNone;
}

}  // namespace

Furniture FurnitureOf(const HtmlNode& element) {
  if (!element.is_element() || element.attributes.empty()) return Furniture::kNone;
  Furniture f = FurnitureOfName(AsciiLower(element.Attr("class")));
  return f != Furniture::kNone ? f : FurnitureOfName(AsciiLower(element.Attr("id")));
}

std::size_t FurnitureLimit(Furniture furniture) {
  return furniture == Furniture::kAuthor ? 1500 : 600;
}

void DropInlineCredits(HtmlDocument* doc, NodeId root, std::size_t max_length) {
  std::vector<NodeId> credits;
  for (NodeId c = doc->NextInTree(root, root); c != kNoNode;) {
    const HtmlNode& n = doc->node(c);
    if (n.is_element() && !IsTextBlockElement(n.name) && FurnitureOf(n) == Furniture::kCredit) {
      // Outermost credit elements only: each one's text is counted once.
      if (TextLength(*doc, c) <= max_length) credits.push_back(c);
      c = doc->NextSkippingChildren(c, root);
    } else {
      c = doc->NextInTree(c, root);
    }
  }
  for (NodeId c : credits) doc->Unlink(c);
}

}  // namespace gpalert
