#include "parsers/page/extract_body.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "common/strings.h"
#include "parsers/page/extract_hints.h"
#include "parsers/page/dom_text.h"
#include "parsers/text/visible_date.h"

namespace gpalert {
namespace {

using Words = std::initializer_list<std::string_view>;

bool IsAllSpace(std::string_view s) {
  for (char c : s)
    if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')) return false;
  return true;
}

size_t CountCommas(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ',') {
      ++n;
    } else if (s.compare(i, 2, "\xD8\x8C") == 0 || s.compare(i, 3, "\xEF\xB9\x90") == 0 ||
               s.compare(i, 3, "\xEF\xB8\x90") == 0 || s.compare(i, 3, "\xEF\xB8\x91") == 0 ||
               s.compare(i, 3, "\xE2\xB9\x81") == 0 || s.compare(i, 3, "\xE2\xB8\xB4") == 0 ||
               s.compare(i, 3, "\xE2\xB8\xB2") == 0 || s.compare(i, 3, "\xEF\xBC\x8C") == 0) {
      ++n;
    }
  }
  return n;
}

struct Flags {
  bool strip_unlikely = true;
  bool weight_classes = true;
  bool clean_conditionally = true;
};

class Extractor {
 public:
  Extractor(HtmlDocument* doc, const BodyOptions& o, Flags f) : d_(*doc), o_(o), f_(f) {}

  ExtractedBody Run() {
    ExtractedBody out;
    std::vector<NodeId> to_score = Scan();
    NodeId top = ChooseTop(to_score);
    NodeId article = GatherSiblings(top);
    Clean(article);
    out.root = article;
    out.byline = byline_;
    out.text_length = TextLength(d_, article);
    return out;
  }

 private:
  std::string MatchString(NodeId id) const {
    const HtmlNode& n = d_.node(id);
    std::string m = AsciiLower(n.Attr("class"));
    m += ' ';
    m += AsciiLower(n.Attr("id"));
    return m;
  }

  double& ScoreOf(NodeId id) {
    if (static_cast<size_t>(id) >= score_.size()) {
      score_.resize(d_.size() + 64, 0.0);
      scored_.resize(d_.size() + 64, 0);
    }
    return score_[static_cast<size_t>(id)];
  }
  bool IsScored(NodeId id) const {
    return static_cast<size_t>(id) < scored_.size() && scored_[static_cast<size_t>(id)];
  }

  int ClassWeight(NodeId id) const {
    if (!f_.weight_classes) return 0;
    const HtmlNode& n = d_.node(id);
    int w = 0;
    std::string cls = AsciiLower(n.Attr("class"));
    if (!cls.empty()) {
      if (NegativeHint(cls)) w -= 25;
      if (PositiveHint(cls)) w += 25;
    }
    std::string id_attr = AsciiLower(n.Attr("id"));
    if (!id_attr.empty()) {
      if (NegativeHint(id_attr)) w -= 25;
      if (PositiveHint(id_attr)) w += 25;
    }
    return w;
  }

  void InitializeNode(NodeId id) {
    double& s = ScoreOf(id);
    scored_[static_cast<size_t>(id)] = 1;
    s = 0;
    const std::string& t = d_.node(id).name;
    if (t == "div")
      s += 5;
    else if (NameIn(t, {"pre", "td", "blockquote"}))
      s += 3;
    else if (NameIn(t, {"address", "ol", "ul", "dl", "dd", "dt", "li", "form"}))
      s -= 3;
    else if (IsHeading(t) || t == "th")
      s -= 5;
    s += ClassWeight(id);
  }

  NodeId RemoveAndGetNext(NodeId id, NodeId root) {
    NodeId next = d_.NextSkippingChildren(id, root);
    d_.Unlink(id);
    return next;
  }

  bool IsVisible(const HtmlNode& n) const {
    std::string style = AsciiLower(n.Attr("style"));
    if (!style.empty()) {
      std::string compact;
      for (char c : style)
        if (c != ' ') compact += c;
      if (compact.find("display:none") != std::string::npos ||
          compact.find("visibility:hidden") != std::string::npos)
        return false;
    }
    if (n.HasAttr("hidden")) return false;
    if (n.Attr("aria-hidden") == "true" &&
        n.Attr("class").find("fallback-image") == std::string::npos)
      return false;
    return true;
  }

  bool HasAncestorTag(NodeId id, std::string_view tag, int max_depth = 3,
                      bool data_table = false) const {
    int depth = 0;
    for (NodeId p = d_.node(id).parent; p != kNoNode; p = d_.node(p).parent) {
      if (max_depth > 0 && depth > max_depth) return false;
      if (d_.node(p).name == tag && (!data_table || IsDataTable(p))) return true;
      ++depth;
    }
    return false;
  }

  bool IsPhrasing(NodeId id) const {
    const HtmlNode& n = d_.node(id);
    if (n.is_text()) return true;
    if (IsPhrasingTag(n.name)) return true;
    if (!NameIn(n.name, {"a", "del", "ins"})) return false;
    bool all = true;
    WalkTree(
        d_, id,
        [&](NodeId c) {
          if (c == id) return true;
          const HtmlNode& k = d_.node(c);
          if (k.is_text() || IsPhrasingTag(k.name)) return false;
          if (NameIn(k.name, {"a", "del", "ins"})) return true;
          all = false;
          return false;
        },
        [](NodeId) {});
    return all;
  }

  bool IsWhitespaceNode(NodeId id) const {
    const HtmlNode& n = d_.node(id);
    return (n.is_text() && IsAllSpace(n.text)) || n.Is("br");
  }

  bool HasChildBlock(NodeId id) const {
    bool found = false;
    WalkTree(
        d_, id,
        [&](NodeId c) {
          if (found) return false;
          const HtmlNode& k = d_.node(c);
          if (c != id && k.is_element() && IsDivToPTag(k.name)) found = true;
          return k.is_element() && !found;
        },
        [](NodeId) {});
    return found;
  }

  // Exactly one element child, named `tag`, and no non-blank text beside it.
  bool HasSingleChild(NodeId id, std::string_view tag) const {
    NodeId only = kNoNode;
    for (NodeId c = d_.node(id).first_child; c != kNoNode; c = d_.node(c).next) {
      const HtmlNode& k = d_.node(c);
      if (k.is_element()) {
        if (only != kNoNode) return false;
        only = c;
      } else if (!IsAllSpace(k.text)) {
        return false;
      }
    }
    return only != kNoNode && d_.node(only).name == tag;
  }

  NodeId FirstElementChild(NodeId id) const {
    for (NodeId c = d_.node(id).first_child; c != kNoNode; c = d_.node(c).next)
      if (d_.node(c).is_element()) return c;
    return kNoNode;
  }

  size_t ElementChildCount(NodeId id) const {
    size_t n = 0;
    for (NodeId c = d_.node(id).first_child; c != kNoNode; c = d_.node(c).next)
      n += d_.node(c).is_element();
    return n;
  }

  bool IsWithoutContent(NodeId id) const {
    for (NodeId c = d_.NextInTree(id, id); c != kNoNode; c = d_.NextInTree(c, id))
      if (d_.node(c).is_text() && !IsAllSpace(d_.node(c).text)) return false;
    for (NodeId c = d_.node(id).first_child; c != kNoNode; c = d_.node(c).next) {
      const HtmlNode& k = d_.node(c);
      if (k.is_element() && k.name != "br" && k.name != "hr") return false;
    }
    return true;
  }

  bool CheckByline(NodeId id, std::string_view match) {
    if (byline_) return false;
    const HtmlNode& n = d_.node(id);
    if (!(n.Attr("rel") == "author" ||
          n.Attr("itemprop").find("author") != std::string_view::npos || BylineHint(match)))
      return false;
    std::string text = InnerText(d_, id);
    size_t len = CodePoints(text);
    if (len == 0 || len >= 100) return false;
    for (NodeId c = d_.NextInTree(id, id); c != kNoNode; c = d_.NextInTree(c, id)) {
      if (d_.node(c).is_element() &&
          d_.node(c).Attr("itemprop").find("name") != std::string_view::npos) {
        std::string name = InnerText(d_, c);
        if (!name.empty()) text = name;
        break;
      }
    }
    byline_ = text;
    return true;
  }

  bool DuplicatesTitle(NodeId id) const {
    const HtmlNode& n = d_.node(id);
    if (n.name != "h1" && n.name != "h2") return false;
    return TextSimilarity(o_.title, InnerText(d_, id)) > 0.75;
  }

  // Beside the headline that repeats the title: a kicker or series label just before
  // it and a bare date line just after it are page furniture, not article text.
  void DropHeadlineLabels(NodeId headline) {
    auto sibling_element = [&](NodeId n, bool forward) {
      do {
        n = forward ? d_.node(n).next : d_.node(n).prev;
      } while (n != kNoNode && d_.node(n).is_text() && IsAllSpace(d_.node(n).text));
      return n != kNoNode && d_.node(n).is_element() ? n : kNoNode;
    };
    auto is_leaf = [&](NodeId n) {
      for (NodeId c = d_.node(n).first_child; c != kNoNode; c = d_.node(c).next)
        if (d_.node(c).is_element() && IsBlockElement(d_.node(c).name)) return false;
      return !NameIn(d_.node(n).name, {"img", "figure", "picture", "table", "ul", "ol"});
    };
    NodeId before = sibling_element(headline, false);
    if (before != kNoNode && is_leaf(before)) {
      std::string text = InnerText(d_, before);
      size_t len = CodePoints(text);
      if (len > 0 && len <= 40 && text.back() != '.' && LinkDensity(d_, before) < 0.5)
        d_.Unlink(before);
    }
    // Within the next few short lines (byline, date, labels), drop the bare dates.
    NodeId after = sibling_element(headline, true);
    for (int k = 0; k < 3 && after != kNoNode && is_leaf(after); ++k) {
      NodeId next = sibling_element(after, true);
      std::string text = InnerText(d_, after);
      if (CodePoints(text) > 40) break;
      if (FindVisibleDate(text)) d_.Unlink(after);
      after = next;
    }
  }

  // Wraps runs of phrasing content directly inside a <div> into <p> elements.
  void WrapPhrasing(NodeId div) {
    NodeId p = kNoNode;
    NodeId c = d_.node(div).first_child;
    while (c != kNoNode) {
      NodeId next = d_.node(c).next;
      if (IsPhrasing(c)) {
        if (p != kNoNode) {
          d_.AppendChild(p, c);
        } else if (!IsWhitespaceNode(c)) {
          p = d_.CreateElement("p");
          d_.InsertBefore(c, p);
          d_.AppendChild(p, c);
        }
      } else if (p != kNoNode) {
        while (d_.node(p).last_child != kNoNode && IsWhitespaceNode(d_.node(p).last_child))
          d_.Unlink(d_.node(p).last_child);
        p = kNoNode;
      }
      c = next;
    }
  }

  // Walks the page once: drops hidden and unlikely nodes, notes the byline, turns
  // text-only <div>s into paragraphs; returns the elements whose text is scored.
  std::vector<NodeId> Scan() {
    std::vector<NodeId> to_score;
    NodeId root = d_.body();
    bool remove_title_header = !o_.title.empty();
    NodeId id = root;
    while (id != kNoNode) {
      HtmlNode& n = d_.node(id);
      if (!n.is_element()) {
        id = d_.NextSkippingChildren(id, root);
        continue;
      }
      std::string match = MatchString(id);
      if (id != root) {
        if (!IsVisible(n) || (n.Attr("aria-modal") == "true" && n.Attr("role") == "dialog")) {
          id = RemoveAndGetNext(id, root);
          continue;
        }
        if (CheckByline(id, match)) {
          id = RemoveAndGetNext(id, root);
          continue;
        }
        if (remove_title_header && DuplicatesTitle(id)) {
          remove_title_header = false;
          DropHeadlineLabels(id);
          id = RemoveAndGetNext(id, root);
          continue;
        }
        if (f_.strip_unlikely) {
          if (UnlikelyHint(match) && !MaybeCandidateHint(match) && !HasAncestorTag(id, "table") &&
              !HasAncestorTag(id, "code") && n.name != "a") {
            id = RemoveAndGetNext(id, root);
            continue;
          }
          if (NameIn(n.Attr("role"), {"menu", "menubar", "complementary", "navigation", "alert",
                                      "alertdialog", "dialog"})) {
            id = RemoveAndGetNext(id, root);
            continue;
          }
        }
        if ((NameIn(n.name, {"div", "section", "header"}) || IsHeading(n.name)) &&
            IsWithoutContent(id)) {
          id = RemoveAndGetNext(id, root);
          continue;
        }
      }
      if (NameIn(n.name, {"section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre"}))
        to_score.push_back(id);
      if (n.name == "div") {
        WrapPhrasing(id);
        if (HasSingleChild(id, "p") && LinkDensity(d_, id) < 0.25) {
          NodeId child = FirstElementChild(id);
          d_.InsertBefore(id, child);
          d_.Unlink(id);
          id = child;
          to_score.push_back(id);
        } else if (!HasChildBlock(id)) {
          d_.node(id).name = "p";
          to_score.push_back(id);
        }
      }
      id = d_.NextInTree(id, root);
    }
    return to_score;
  }

  bool Attached(NodeId id) const { return d_.Contains(d_.body(), id); }

  NodeId ChooseTop(const std::vector<NodeId>& to_score) {
    std::vector<NodeId> candidates;
    for (NodeId el : to_score) {
      const HtmlNode& n = d_.node(el);
      if (n.parent == kNoNode || !d_.node(n.parent).is_element()) continue;
      if (!Attached(el)) continue;
      std::string text = InnerText(d_, el);
      size_t len = CodePoints(text);
      if (len < 25) continue;
      double content = 1 + static_cast<double>(CountCommas(text) + 1) +
                       std::min<double>(std::floor(static_cast<double>(len) / 100.0), 3.0);
      int level = 0;
      for (NodeId a = n.parent; a != kNoNode && level < 5; a = d_.node(a).parent, ++level) {
        if (d_.node(a).parent == kNoNode) continue;  // the <html> element
        if (!IsScored(a)) {
          InitializeNode(a);
          candidates.push_back(a);
        }
        double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
        ScoreOf(a) += content / divider;
      }
    }
    std::vector<NodeId> top;
    for (NodeId c : candidates) {
      ScoreOf(c) *= (1.0 - LinkDensity(d_, c));
      auto pos =
          std::find_if(top.begin(), top.end(), [&](NodeId t) { return ScoreOf(c) > ScoreOf(t); });
      top.insert(pos, c);
      if (top.size() > o_.top_candidates) top.pop_back();
    }
    NodeId body = d_.body();
    if (top.empty() || top[0] == body) {
      NodeId div = d_.CreateElement("div");
      d_.MoveChildren(body, div);
      d_.AppendChild(body, div);
      InitializeNode(div);
      return div;
    }
    NodeId best = top[0];
    // Several near-best candidates sharing an ancestor: the article spans them.
    std::vector<std::vector<NodeId>> alternatives;
    for (size_t i = 1; i < top.size(); ++i) {
      if (ScoreOf(top[i]) / ScoreOf(best) >= 0.75) {
        std::vector<NodeId> anc;
        for (NodeId a = d_.node(top[i]).parent; a != kNoNode; a = d_.node(a).parent)
          anc.push_back(a);
        alternatives.push_back(std::move(anc));
      }
    }
    if (alternatives.size() >= 3) {
      for (NodeId p = d_.node(best).parent; p != kNoNode && p != body; p = d_.node(p).parent) {
        int lists = 0;
        for (size_t k = 0; k < alternatives.size() && lists < 3; ++k)
          lists +=
              std::find(alternatives[k].begin(), alternatives[k].end(), p) != alternatives[k].end();
        if (lists >= 3) {
          best = p;
          break;
        }
      }
    }
    if (!IsScored(best)) InitializeNode(best);
    // Climb while the parent scores comparably (the article is split in sections).
    double last = ScoreOf(best);
    double threshold = last / 3;
    for (NodeId p = d_.node(best).parent; p != kNoNode && p != body; p = d_.node(p).parent) {
      if (!IsScored(p)) continue;
      double s = ScoreOf(p);
      if (s < threshold) break;
      if (s > last) {
        best = p;
        break;
      }
      last = s;
    }
    for (NodeId p = d_.node(best).parent; p != kNoNode && p != body && ElementChildCount(p) == 1;
         p = d_.node(p).parent)
      best = p;
    if (!IsScored(best)) InitializeNode(best);
    return best;
  }

  NodeId GatherSiblings(NodeId top) {
    NodeId article = d_.CreateElement("div");
    NodeId parent = d_.node(top).parent;
    if (parent == kNoNode) {
      d_.AppendChild(article, top);
      return article;
    }
    double threshold = std::max(10.0, ScoreOf(top) * 0.2);
    std::string top_class(d_.node(top).Attr("class"));
    std::vector<NodeId> siblings;
    for (NodeId c = d_.node(parent).first_child; c != kNoNode; c = d_.node(c).next)
      if (d_.node(c).is_element()) siblings.push_back(c);
    for (NodeId s : siblings) {
      bool append = s == top;
      if (!append) {
        double bonus = 0;
        if (!top_class.empty() && d_.node(s).Attr("class") == top_class)
          bonus += ScoreOf(top) * 0.2;
        if (IsScored(s) && ScoreOf(s) + bonus >= threshold) {
          append = true;
        } else if (d_.node(s).name == "p") {
          double ld = LinkDensity(d_, s);
          std::string text = InnerText(d_, s);
          size_t len = CodePoints(text);
          if (len > 80 && ld < 0.25) {
            append = true;
          } else if (len < 80 && len > 0 && ld == 0) {
            size_t dot = text.find('.');
            while (dot != std::string::npos && !(dot + 1 == text.size() || text[dot + 1] == ' '))
              dot = text.find('.', dot + 1);
            append = dot != std::string::npos;
          }
        }
      }
      if (append) {
        if (!NameIn(d_.node(s).name, {"div", "article", "section", "p", "ol", "ul"}))
          d_.node(s).name = "div";
        d_.AppendChild(article, s);
      }
    }
    return article;
  }

  // --- cleaning the chosen container -------------------------------------------------

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

  bool ShouldRemoveConditionally(NodeId node, std::string_view tag) {
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
    if (weight < 0) return true;
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
                "正在加载…", "Загрузка", "Загрузка...", "广告", "Реклама", "anuncio"}))
      return true;
    double link_density = LinkDensity(d_, node);
    double text_density = TextDensity(node, {"span", "li", "td", "blockquote", "dl", "div", "img",
                                             "ol", "p", "pre", "table", "ul"});
    bool figure_child = HasAncestorTag(node, "figure");
    bool remove = false;
    if (!figure_child && img > 1 && p / img < 0.5)
      remove = true;
    else if (!is_list && li > p)
      remove = true;
    else if (input > std::floor(p / 3))
      remove = true;
    else if (!is_list && !figure_child && heading_density < 0.9 && content_length < 25 &&
             (img == 0 || img > 2) && link_density > 0)
      remove = true;
    else if (!is_list && weight < 25 && link_density > 0.2)
      remove = true;
    else if (weight >= 25 && link_density > 0.5)
      remove = true;
    else if ((embeds == 1 && content_length < 75) || embeds > 1)
      remove = true;
    else if (img == 0 && text_density == 0)
      remove = true;
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
      if (ShouldRemoveConditionally(n, tag)) d_.Unlink(n);
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
    for (NodeId n : drop) d_.Unlink(n);
    // Small share/sharedaddy boxes inside the article's blocks.
    for (NodeId child = d_.node(article).first_child; child != kNoNode;
         child = d_.node(child).next) {
      NodeId c = d_.NextInTree(child, child);
      while (c != kNoNode) {
        if (d_.node(c).is_element() && ShareHint(MatchString(c)) && TextLength(d_, c) < 500) {
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
    for (NodeId n : empty) d_.Unlink(n);
  }

  HtmlDocument& d_;
  const BodyOptions& o_;
  Flags f_;
  std::vector<double> score_;
  std::vector<char> scored_;
  std::vector<char> data_table_;
  std::optional<std::string> byline_;
};

// Replaces runs of two or more <br> with a paragraph holding what follows, and <font>
// with <span>, as browsers' reader modes do before scoring.
void PrepareDocument(HtmlDocument* doc) {
  HtmlDocument& d = *doc;
  auto next_element = [&](NodeId n) {
    while (n != kNoNode && !d.node(n).is_element() && IsAllSpace(d.node(n).text))
      n = d.node(n).next;
    return n;
  };
  for (NodeId br : d.ElementsByTag(d.body(), "")) {
    HtmlNode& n = d.node(br);
    if (n.name == "font") {
      n.name = "span";
      continue;
    }
    if (n.name != "br" || n.parent == kNoNode) continue;
    bool replaced = false;
    NodeId next = next_element(n.next);
    while (next != kNoNode && d.node(next).Is("br")) {
      replaced = true;
      NodeId after = d.node(next).next;
      d.Unlink(next);
      next = next_element(after);
    }
    if (!replaced) continue;
    NodeId p = d.CreateElement("p");
    d.InsertBefore(br, p);
    d.Unlink(br);
    next = d.node(p).next;
    while (next != kNoNode) {
      if (d.node(next).Is("br")) {
        NodeId e = next_element(d.node(next).next);
        if (e != kNoNode && d.node(e).Is("br")) break;
      }
      const HtmlNode& k = d.node(next);
      if (k.is_element() && !IsPhrasingTag(k.name) && !NameIn(k.name, {"a", "del", "ins"})) break;
      NodeId sibling = k.next;
      d.AppendChild(p, next);
      next = sibling;
    }
    while (d.node(p).last_child != kNoNode) {
      NodeId last = d.node(p).last_child;
      if (!(d.node(last).is_text() && IsAllSpace(d.node(last).text)) && !d.node(last).Is("br"))
        break;
      d.Unlink(last);
    }
    NodeId parent = d.node(p).parent;
    if (parent != kNoNode && d.node(parent).Is("p")) d.node(parent).name = "div";
  }
}

}  // namespace

ExtractedBody ExtractBody(HtmlDocument* doc, const BodyOptions& options) {
  PrepareDocument(doc);
  const Flags kAttempts[] = {
      {true, true, true}, {false, true, true}, {false, false, true}, {false, false, false}};
  HtmlDocument pristine = doc->Clone();
  ExtractedBody best;
  std::optional<HtmlDocument> best_doc;
  for (size_t i = 0; i < std::size(kAttempts); ++i) {
    HtmlDocument attempt = i == 0 ? std::move(*doc) : pristine.Clone();
    ExtractedBody got = Extractor(&attempt, options, kAttempts[i]).Run();
    bool better = !best_doc || got.text_length > best.text_length;
    if (better) {
      best = std::move(got);
      best_doc.emplace(std::move(attempt));
    }
    if (best.text_length >= options.min_text) break;
  }
  *doc = std::move(*best_doc);
  if (best.text_length == 0) best.root = kNoNode;
  return best;
}

}  // namespace gpalert
