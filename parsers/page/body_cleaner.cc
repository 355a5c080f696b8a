#include "parsers/page/body_cleaner.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "common/strings.h"
#include "parsers/page/dom_text.h"
#include "parsers/page/element_queries.h"
#include "parsers/page/extract_hints.h"

namespace gpalert {
namespace {

using Words = std::initializer_list<std::string_view>;

class BodyCleaner {
 public:
  BodyCleaner(HtmlDocument* doc, const CleanOptions& options) : d_(*doc), f_(options) {}

  bool IsDataTable(NodeId t) const {
    size_t i = static_cast<size_t>(t);
    return i < data_table_.size() && data_table_[i];
  }

  void MarkDataTables(NodeId root) {
    data_table_.assign(d_.size(), 0);
    for (NodeId t : d_.ElementsByTag(root, "table")) {
      const HtmlNode& n = d_.node(t);
      bool data = false;
      if (n.Attr("role") == "presentation" || n.Attr("datatable") == "0") {
        data = false;
      } else if (!n.Attr("summary").empty()) {
        data = true;
      } else {
        bool decided = false;
        for (NodeId c = n.first_child; c != kNoNode; c = d_.node(c).next) {
          if (d_.node(c).Is("caption") && d_.node(c).first_child != kNoNode) {
            data = decided = true;
            break;
          }
        }
        bool nested = false;
        size_t rows = 0, columns = 0;
        if (!decided) {
          for (NodeId e : d_.ElementsByTag(t, "")) {
            const std::string& name = d_.node(e).name;
            if (NameIn(name, {"col", "colgroup", "tfoot", "thead", "th"})) {
              data = decided = true;
              break;
            }
            if (name == "table") nested = true;
            if (name == "tr") {
              ++rows;
              size_t cols = 0;
              for (NodeId c = d_.node(e).first_child; c != kNoNode; c = d_.node(c).next) {
                const HtmlNode& cell = d_.node(c);
                if (cell.Is("td") || cell.Is("th")) {
                  int span = std::atoi(std::string(cell.Attr("colspan")).c_str());
                  cols += span > 0 ? static_cast<size_t>(span) : 1;
                }
              }
              columns = std::max(columns, cols);
            }
          }
        }
        if (!decided) data = !nested && (rows >= 10 || columns > 4 || rows * columns > 10);
      }
      data_table_[static_cast<size_t>(t)] = data;
    }
  }

  size_t CountTags(NodeId root, Words tags) const {
    size_t n = 0;
    for (NodeId c = d_.NextInTree(root, root); c != kNoNode; c = d_.NextInTree(c, root)) {
      const HtmlNode& k = d_.node(c);
      if (k.is_element() && NameIn(k.name, tags)) ++n;
    }
    return n;
  }

  // Share of root's text inside descendants named in `tags` (outermost only).
  double TextDensity(NodeId root, Words tags) const {
    size_t total = TextLength(d_, root);
    if (total == 0) return 0;
    size_t inside = 0;
    NodeId c = d_.NextInTree(root, root);
    while (c != kNoNode) {
      const HtmlNode& k = d_.node(c);
      if (k.is_element() && NameIn(k.name, tags)) {
        inside += TextLength(d_, c);
        c = d_.NextSkippingChildren(c, root);
      } else {
        c = d_.NextInTree(c, root);
      }
    }
    return static_cast<double>(inside) / static_cast<double>(total);
  }

  // Whether the conditional rules drop `node`; *why says which rule, when it goes.
  bool ShouldRemoveConditionally(NodeId node, std::string_view tag, std::string* why) {
    bool is_list = tag == "ul" || tag == "ol";
    std::string text = InnerText(d_, node);
    size_t content_length = CodePoints(text);
    if (!is_list) {
      size_t list_length = 0;
      NodeId c = d_.NextInTree(node, node);
      while (c != kNoNode) {
        const HtmlNode& k = d_.node(c);
        if (k.Is("ul") || k.Is("ol")) {
          list_length += TextLength(d_, c);
          c = d_.NextSkippingChildren(c, node);
        } else {
          c = d_.NextInTree(c, node);
        }
      }
      is_list = content_length > 0 &&
                static_cast<double>(list_length) / static_cast<double>(content_length) > 0.9;
    }
    if (tag == "table" && IsDataTable(node)) return false;
    if (HasAncestorTag(node, "table", -1, true)) return false;
    if (HasAncestorTag(node, "code")) return false;
    // One walk counts what the rules below need.
    size_t n_p = 0, n_img = 0, n_li = 0, n_input = 0, embeds = 0;
    bool has_data_table = false;
    for (NodeId c = d_.NextInTree(node, node); c != kNoNode; c = d_.NextInTree(c, node)) {
      const HtmlNode& k = d_.node(c);
      if (!k.is_element()) continue;
      const std::string& t = k.name;
      if (t == "p")
        ++n_p;
      else if (t == "img")
        ++n_img;
      else if (t == "li")
        ++n_li;
      else if (t == "input")
        ++n_input;
      else if (t == "object" || t == "embed" || t == "iframe")
        ++embeds;
      else if (t == "table" && IsDataTable(c))
        has_data_table = true;
    }
    if (has_data_table) return false;
    int weight = ClassWeight(node);
    if (weight < 0) {
      *why = fmt::format("class/id weight {} (names like sidebar, share, promo)", weight);
      return true;
    }
    if (CountCommas(text) >= 10) return false;
    double p = static_cast<double>(n_p);
    double img = static_cast<double>(n_img);
    double li = static_cast<double>(n_li) - 100;
    double input = static_cast<double>(n_input);
    double heading_density = TextDensity(node, {"h1", "h2", "h3", "h4", "h5", "h6"});
    std::string lower = AsciiLower(text);
    if (NameIn(lower,
               {"ad", "advertising", "advertisement", "pub", "publicité", "werbung", "loading",
                "loading...", "loading…", "chargement", "cargando", "正在加载", "正在加载...",
                "正在加载…", "Загрузка", "Загрузка...", "广告", "Реклама", "anuncio"})) {
      *why = "its whole text is an ad or loading label";
      return true;
    }
    double link_density = LinkDensity(d_, node);
    double text_density = TextDensity(node, {"span", "li", "td", "blockquote", "dl", "div", "img",
                                             "ol", "p", "pre", "table", "ul"});
    bool figure_child = HasAncestorTag(node, "figure");
    bool remove = true;
    if (!figure_child && img > 1 && p / img < 0.5)
      *why = fmt::format("{} images for {} paragraphs", n_img, n_p);
    else if (!is_list && li > p)
      *why = fmt::format("more list items than paragraphs ({} > {} + 100)", n_li, n_p);
    else if (input > std::floor(p / 3))
      *why = fmt::format("{} form inputs for {} paragraphs", n_input, n_p);
    else if (!is_list && !figure_child && heading_density < 0.9 && content_length < 25 &&
             (img == 0 || img > 2) && link_density > 0)
      *why = fmt::format("short ({} characters) with links", content_length);
    else if (!is_list && weight < 25 && link_density > 0.2)
      *why = fmt::format("link density {:.2f} > 0.2 (class/id weight {})", link_density, weight);
    else if (weight >= 25 && link_density > 0.5)
      *why = fmt::format("link density {:.2f} > 0.5", link_density);
    else if ((embeds == 1 && content_length < 75) || embeds > 1)
      *why = fmt::format("{} embed(s) and {} characters", embeds, content_length);
    else if (img == 0 && text_density == 0)
      *why = "no text in text elements and no image";
    else
      remove = false;
    if (is_list && remove) {
      for (NodeId c = d_.node(node).first_child; c != kNoNode; c = d_.node(c).next)
        if (d_.node(c).is_element() && ElementChildCount(c) > 1) return remove;
      if (n_img == n_li) return false;
    }
    return remove;
  }

  void CleanConditionally(NodeId root, std::string_view tag) {
    if (!f_.clean_conditionally) return;
    std::vector<NodeId> nodes = d_.ElementsByTag(root, tag);
    for (size_t i = nodes.size(); i-- > 0;) {
      NodeId n = nodes[i];
      if (d_.node(n).parent == kNoNode || !d_.Contains(root, n)) continue;
      std::string why;
      if (ShouldRemoveConditionally(n, tag, &why)) {
        Record(n, "conditional <" + std::string(tag) + "> rule: " + why);
        d_.Unlink(n);
      }
    }
  }

  void Clean(NodeId article) {
    MarkDataTables(article);
    CleanConditionally(article, "form");
    CleanConditionally(article, "fieldset");
    // One pass drops embeds, asides, footers, form controls and navigation, plus
    // negatively hinted h1/h2 headings.
    std::vector<NodeId> drop;
    for (NodeId c = d_.NextInTree(article, article); c != kNoNode;) {
      const HtmlNode& n = d_.node(c);
      if (n.is_element() && (NameIn(n.name, {"object", "embed", "footer", "link", "aside", "iframe",
                                             "input", "textarea", "select", "button", "nav"}) ||
                             ((n.name == "h1" || n.name == "h2") && ClassWeight(c) < 0))) {
        drop.push_back(c);
        c = d_.NextSkippingChildren(c, article);
      } else {
        c = d_.NextInTree(c, article);
      }
    }
    for (NodeId n : drop) {
      Record(n, "<" + d_.node(n).name + "> is never article text");
      d_.Unlink(n);
    }
    // Small share/sharedaddy boxes inside the article's blocks.
    for (NodeId child = d_.node(article).first_child; child != kNoNode;
         child = d_.node(child).next) {
      NodeId c = d_.NextInTree(child, child);
      while (c != kNoNode) {
        if (d_.node(c).is_element() && ShareHint(MatchString(c)) && TextLength(d_, c) < 500) {
          Record(c, "a share box (class/id \"" + std::string(TrimAscii(MatchString(c))) +
                        "\", under 500 characters)");
          c = RemoveAndGetNext(c, child);
        } else {
          c = d_.NextInTree(c, child);
        }
      }
    }
    CleanConditionally(article, "table");
    CleanConditionally(article, "ul");
    CleanConditionally(article, "div");
    // h1 becomes h2 (the title is shown apart); empty paragraphs and <br> before a
    // paragraph go.
    std::vector<NodeId> empty;
    for (NodeId c : d_.ElementsByTag(article, "")) {
      HtmlNode& n = d_.node(c);
      if (n.name == "h1") {
        n.name = "h2";
      } else if (n.name == "p") {
        if (TextLength(d_, c) == 0 && CountTags(c, {"img", "embed", "object", "iframe"}) == 0)
          empty.push_back(c);
      } else if (n.name == "br") {
        NodeId next = n.next;
        while (next != kNoNode && d_.node(next).is_text() && IsAllSpace(d_.node(next).text))
          next = d_.node(next).next;
        if (next != kNoNode && d_.node(next).Is("p")) empty.push_back(c);
      }
    }
    for (NodeId n : empty) {
      Record(n, "empty");
      d_.Unlink(n);
    }
  }

 private:
  void Record(NodeId id, std::string rule) {
    if (f_.trace) f_.trace->Dropped(id, "cleaner", std::move(rule));
  }
  int ClassWeight(NodeId id) const { return f_.weight_classes ? HintWeight(d_, id) : 0; }
  std::string MatchString(NodeId id) const { return ClassAndId(d_, id); }
  NodeId RemoveAndGetNext(NodeId id, NodeId root) { return RemoveNode(&d_, id, root); }
  size_t ElementChildCount(NodeId id) const { return CountElementChildren(d_, id); }
  bool HasAncestorTag(NodeId id, std::string_view tag, int max_depth = 3,
                      bool data_table = false) const {
    if (!data_table) return HasAncestorNamed(d_, id, tag, max_depth);
    return HasAncestorNamed(d_, id, tag, max_depth, [this](NodeId p) { return IsDataTable(p); });
  }

  HtmlDocument& d_;
  CleanOptions f_;
  std::vector<char> data_table_;
};

}  // namespace

void CleanBody(HtmlDocument* doc, NodeId article, const CleanOptions& options) {
  BodyCleaner(doc, options).Clean(article);
}

}  // namespace gpalert
