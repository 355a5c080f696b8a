#include "parsers/page/extract_body.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "common/strings.h"
#include "parsers/page/body_cleaner.h"
#include "parsers/page/dom_text.h"
#include "parsers/page/element_queries.h"
#include "parsers/page/extract_hints.h"
#include "parsers/page/text_shape.h"
#include "parsers/text/visible_date.h"

namespace gpalert {
namespace {

struct Flags {
  bool strip_unlikely = true;
  bool weight_classes = true;
  bool clean_conditionally = true;
};

class Extractor {
 public:
  Extractor(HtmlDocument* doc, const BodyOptions& o, Flags f, ExtractTrace* trace)
      : d_(*doc), o_(o), f_(f), t_(trace) {}

  ExtractedBody Run() {
    ExtractedBody out;
    std::vector<NodeId> to_score = Scan();
    NodeId top = ChooseTop(to_score);
    NodeId article = GatherSiblings(top);
    CleanBody(&d_, article, {f_.weight_classes, f_.clean_conditionally, t_});
    if (o_.prune) PruneChrome(&d_, article, *o_.prune, t_);
    out.root = article;
    out.byline = byline_;
    out.text_length = TextLength(d_, article);
    return out;
  }

 private:
  std::string MatchString(NodeId id) const { return ClassAndId(d_, id); }

  // Removes `id` for `rule` (recorded when tracing) and returns the next node to visit.
  NodeId Drop(NodeId id, NodeId root, std::string_view rule) {
    if (t_) t_->Dropped(id, "scan", std::string(rule));
    return RemoveAndGetNext(id, root);
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

  int ClassWeight(NodeId id) const { return f_.weight_classes ? HintWeight(d_, id) : 0; }

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

  NodeId RemoveAndGetNext(NodeId id, NodeId root) { return RemoveNode(&d_, id, root); }

  bool HasAncestorTag(NodeId id, std::string_view tag) const {
    return HasAncestorNamed(d_, id, tag, 3);
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

  size_t ElementChildCount(NodeId id) const { return CountElementChildren(d_, id); }

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
    std::string text = CollapsedText(d_, id, /*space_blocks=*/true);
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
      if (len > 0 && len <= 40 && text.back() != '.' && LinkDensity(d_, before) < 0.5) {
        if (t_) t_->Dropped(before, "scan", "a short label just above the headline");
        d_.Unlink(before);
      }
    }
    // Within the next few short lines (byline, date, labels), drop the bare dates.
    NodeId after = sibling_element(headline, true);
    for (int k = 0; k < 3 && after != kNoNode && is_leaf(after); ++k) {
      NodeId next = sibling_element(after, true);
      std::string text = InnerText(d_, after);
      if (CodePoints(text) > 40) break;
      if (FindVisibleDate(text)) {
        if (t_) t_->Dropped(after, "scan", "a date line under the headline");
        d_.Unlink(after);
      }
      after = next;
    }
  }

  // A wrapper <div> giving way to its only paragraph leaves it its class and id when the
  // paragraph has none, so that what the names say (a caption, an author box) survives.
  void KeepNames(NodeId from, NodeId to) {
    HtmlNode& target = d_.node(to);
    if (target.HasAttr("class") || target.HasAttr("id")) return;
    for (std::string_view key : {"class", "id"}) {
      std::string value(d_.node(from).Attr(key));
      if (!value.empty()) target.SetAttr(key, std::move(value));
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
        if (IsHiddenElement(n) || (n.Attr("aria-modal") == "true" && n.Attr("role") == "dialog")) {
          id = Drop(id, root, "hidden (hidden, aria-hidden, display:none or a modal dialog)");
          continue;
        }
        if (CheckByline(id, match)) {
          id = Drop(id, root, "the byline (read as the author: \"" + *byline_ + "\")");
          continue;
        }
        if (remove_title_header && DuplicatesTitle(id)) {
          remove_title_header = false;
          DropHeadlineLabels(id);
          id = Drop(id, root, "the headline (shown as the title)");
          continue;
        }
        if (f_.strip_unlikely) {
          if (UnlikelyHint(match) && !MaybeCandidateHint(match) && !HasAncestorTag(id, "table") &&
              !HasAncestorTag(id, "code") && n.name != "a") {
            id = Drop(id, root,
                      "unlikely class/id \"" + std::string(TrimAscii(match)) +
                          "\" (navigation, footer, comments, share, ...)");
            continue;
          }
          if (NameIn(n.Attr("role"), {"menu", "menubar", "complementary", "navigation", "alert",
                                      "alertdialog", "dialog"})) {
            id = Drop(id, root, "role=\"" + std::string(n.Attr("role")) + "\"");
            continue;
          }
        }
        if ((NameIn(n.name, {"div", "section", "header"}) || IsHeading(n.name)) &&
            IsWithoutContent(id)) {
          id = Drop(id, root, "no text");
          continue;
        }
      }
      if (NameIn(n.name, {"section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre"}))
        to_score.push_back(id);
      if (n.name == "div") {
        WrapPhrasing(id);
        if (HasSingleChild(id, "p") && LinkDensity(d_, id) < 0.25) {
          NodeId child = FirstElementChild(id);
          KeepNames(id, child);
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
      // A short cell without a sentence in it is data (a name, an address, a figure): a
      // table of hundreds of them must not outscore the article's paragraphs.
      if (n.name == "td" && len < 100 && !EndsLikeSentence(text) && CountCommas(text) == 0)
        continue;
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
    if (t_) {
      for (NodeId c : top) t_->candidates.push_back({c, ScoreOf(c), LinkDensity(d_, c)});
    }
    if (top.empty() || top[0] == body) {
      NodeId div = d_.CreateElement("div");
      d_.MoveChildren(body, div);
      d_.AppendChild(body, div);
      InitializeNode(div);
      if (t_) {
        t_->top = body;
        t_->top_why = "no candidate stood out: the whole <body>";
      }
      return div;
    }
    NodeId best = top[0];
    std::string why = fmt::format("the best score, {:.1f}", ScoreOf(best));
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
          why += "; widened to the ancestor shared by 3 near-best candidates";
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
        why += fmt::format("; climbed to a parent scoring more ({:.1f})", s);
        break;
      }
      last = s;
    }
    int only_child_levels = 0;
    for (NodeId p = d_.node(best).parent; p != kNoNode && p != body && ElementChildCount(p) == 1;
         p = d_.node(p).parent, ++only_child_levels)
      best = p;
    if (only_child_levels > 0)
      why += fmt::format("; up {} level(s) to the box it is left alone in", only_child_levels);
    if (!IsScored(best)) InitializeNode(best);
    if (t_) {
      t_->top = best;
      t_->top_why = why;
    }
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
          if (t_)
            t_->Joined(s, fmt::format("a sibling scoring {:.1f} (at least {:.1f})",
                                      ScoreOf(s) + bonus, threshold));
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
          if (append && t_)
            t_->Joined(s, fmt::format("a sibling paragraph ({} characters, link density {:.2f})",
                                      len, ld));
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

  HtmlDocument& d_;
  const BodyOptions& o_;
  Flags f_;
  ExtractTrace* t_;  // null unless tracing
  std::vector<double> score_;
  std::vector<char> scored_;
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
  const char* kAttemptNames[] = {
      "strict: unlikely class/id names dropped, class weights, conditional cleaning",
      "unlikely names kept", "unlikely names kept, no class weights",
      "unlikely names kept, no class weights, no conditional cleaning"};
  HtmlDocument pristine = doc->Clone();
  ExtractedBody best;
  std::optional<HtmlDocument> best_doc;
  std::vector<std::size_t> lengths;
  for (size_t i = 0; i < std::size(kAttempts); ++i) {
    HtmlDocument attempt = i == 0 ? std::move(*doc) : pristine.Clone();
    std::optional<ExtractTrace> trace;
    if (options.trace) trace.emplace();
    ExtractedBody got = Extractor(&attempt, options, kAttempts[i], trace ? &*trace : nullptr).Run();
    lengths.push_back(got.text_length);
    bool better = !best_doc || static_cast<double>(got.text_length) >
                                   options.looser_gain * static_cast<double>(best.text_length);
    if (better) {
      best = std::move(got);
      best_doc.emplace(std::move(attempt));
      if (trace) {
        trace->attempt = fmt::format("{} of {} ({}): {} characters of text", i + 1,
                                     std::size(kAttempts), kAttemptNames[i], best.text_length);
        *options.trace = std::move(*trace);
      }
    }
    if (best.text_length >= options.min_text) break;
    if (options.budget && options.budget->Exceeded()) break;
  }
  *doc = std::move(*best_doc);
  if (best.text_length == 0) best.root = kNoNode;
  if (options.trace && lengths.size() > 1) {
    std::string tried;
    for (std::size_t length : lengths)
      tried += (tried.empty() ? "" : ", ") + std::to_string(length);
    options.trace->attempt += fmt::format(
        " (attempts gave {}; a looser one must bring {:g}x the "
        "text, and none is tried past {})",
        tried, options.looser_gain, options.min_text);
  }
  return best;
}

}  // namespace gpalert
