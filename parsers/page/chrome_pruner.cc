#include "parsers/page/chrome_pruner.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/strings.h"
#include "parsers/page/chrome_furniture.h"
#include "parsers/page/chrome_phrases.h"
#include "parsers/page/dom_text.h"
#include "parsers/page/extract_hints.h"
#include "parsers/page/text_shape.h"

namespace gpalert {
namespace {

// Blocks up to this length are folded and matched against the chrome phrases; longer
// ones are running text whatever words they use.
constexpr std::size_t kMatchedLength = 400;
// Labels are short: the whole block is the label.
constexpr std::size_t kLabelLength = 80;
// A caption of up to this many words labels a picture; a longer one tells part of the
// story and stays.
constexpr std::size_t kCaptionWords = 8;
// Captions holding this share of the container's text make a gallery: they are its text.
constexpr double kGalleryShare = 0.4;
// Ancestors whose names (figcaption, class="caption") count for a block.
constexpr int kFurnitureLevels = 3;

// Longest block (code points) that a lead-in of each kind may open and that a notice of
// each kind may sit in: past them, the block is running text that uses the words.
struct Limits {
  std::size_t lead_in;
  std::size_t notice;
};

Limits LimitsOf(ChromeKind kind) {
  switch (kind) {
    case ChromeKind::kRelated:
    case ChromeKind::kAuthor:
      return {250, 200};
    case ChromeKind::kCredit:
      return {200, 150};
    case ChromeKind::kSubscribe:
    case ChromeKind::kComments:
      return {300, 300};
    case ChromeKind::kLegal:
      return {160, 400};
    case ChromeKind::kAd:
      return {160, 300};
    case ChromeKind::kFollow:
      return {160, 250};
    case ChromeKind::kRating:
      return {160, 150};
    default:
      return {160, 200};
  }
}

// kSection: a label that heads chrome (it goes with what it heads); kMaybeSection: a
// heading that starts like one, which goes only when chrome follows it.
enum class Verdict : std::uint8_t { kKeep, kDrop, kSection, kMaybeSection };

struct Block {
  TextBlock text;
  std::string folded;                      // FoldChromeText, for blocks up to kMatchedLength
  bool heading = false;                    // set apart as a heading is
  bool caption = false;                    // in a figure caption (by element or by name)
  bool data = false;                       // a cell of a data table
  Furniture furniture = Furniture::kNone;  // what the block's box is named
  Verdict verdict = Verdict::kKeep;
  std::string rule;  // why it goes, when tracing
};

bool EndsWithPeriod(std::string_view text) {
  text = TrimAscii(text);
  return !text.empty() && text.back() == '.';
}

// A link written out ("https://...", "www..."): a reference, not a teaser.
bool IsWrittenUrl(std::string_view text) {
  return StartsWithIgnoreCase(text, "http://") || StartsWithIgnoreCase(text, "https://") ||
         StartsWithIgnoreCase(text, "www.");
}

// "» Headline", "→ Headline", ">> Headline <<": an arrowed link to another story.
bool IsArrowTeaser(const TextBlock& t) {
  if (t.length > 200 || t.link_density < 0.5) return false;
  for (std::string_view arrow :
       {">>", "\xC2\xBB", "\xE2\x86\x92", "\xE2\x96\xBA", "\xE2\x96\xB6", "\xE2\x80\xBA"})
    if (std::string_view(t.text).substr(0, arrow.size()) == arrow) return true;
  return false;
}

bool IsProse(const TextBlock& t) { return t.link_density < 0.5 && ReadsLikeProse(t.text); }

class ChromePruner {
 public:
  ChromePruner(HtmlDocument* doc, NodeId root, const PruneOptions& options, ExtractTrace* trace)
      : d_(*doc), root_(root), o_(options), t_(trace), text_length_(doc->size(), -1) {}

  void Run() {
    DropInlineCredits(&d_, root_);
    ReadBlocks();
    if (blocks_.empty()) return;
    std::size_t in_captions = 0;
    for (const Block& b : blocks_) in_captions += b.caption ? b.text.length : 0;
    gallery_ = static_cast<double>(in_captions) > kGalleryShare * static_cast<double>(total_);
    for (Block& b : blocks_) b.verdict = Judge(b, t_ ? &b.rule : nullptr);
    ApplySections();
    TrimEdges();
    // After a closing section label nothing of the container stays, blocks or not.
    for (NodeId at = cut_after_; at != kNoNode && at != root_; at = d_.node(at).parent) {
      while (d_.node(at).next != kNoNode) {
        Record(d_.node(at).next, "after the closing section label \"" + cut_label_ + "\"");
        d_.Unlink(d_.node(at).next);
      }
    }
    for (const Block& b : blocks_) {
      if (b.verdict != Verdict::kDrop) continue;
      if (t_) {
        for (NodeId n = b.text.id; n != kNoNode; n = d_.node(n).next) {
          Record(n, b.rule.empty() ? "chrome" : b.rule);
          if (n == b.text.last) break;
        }
      }
      UnlinkBlock(&d_, b.text);
    }
  }

 private:
  void ReadBlocks() {
    for (TextBlock& t : LeafBlocks(d_, root_)) {
      Block b;
      b.text = std::move(t);
      if (b.text.length <= kMatchedLength) b.folded = FoldChromeText(b.text.text);
      b.heading = IsHeadingLike(b.text);
      b.data = InDataTable(b.text);
      b.furniture = FurnitureAround(b.text.element);
      b.caption = b.furniture == Furniture::kCaption || b.furniture == Furniture::kCredit ||
                  WithinTag(b.text.element, "figcaption", kFurnitureLevels + 1) ||
                  WithinTag(b.text.element, "caption", kFurnitureLevels - 1);
      total_ += b.text.length;
      ++local_counts_[b.text.text];
      blocks_.push_back(std::move(b));
    }
  }

  const std::string& Name(const TextBlock& t) const { return d_.node(t.element).name; }
  bool IsCell(const TextBlock& t) const { return NameIn(Name(t), {"td", "th"}); }

  // A cell of a table with column heads (th, thead, caption): data, whatever it reads.
  bool InDataTable(const TextBlock& t) {
    if (!IsCell(t)) return false;
    NodeId table = t.element;
    for (int up = 0; up < 3 && table != kNoNode && !d_.node(table).Is("table"); ++up)
      table = d_.node(table).parent;
    if (table == kNoNode || !d_.node(table).Is("table")) return false;
    auto [it, inserted] = data_tables_.try_emplace(table, false);
    if (!inserted) return it->second;
    // The table's own head, caption and rows (not those of nested tables).
    auto heads = [&](NodeId parent) {
      for (NodeId c = d_.node(parent).first_child; c != kNoNode; c = d_.node(c).next)
        if (d_.node(c).is_element() && NameIn(d_.node(c).name, {"thead", "caption", "th"}))
          return true;
      return false;
    };
    bool data = heads(table);
    for (NodeId c = d_.node(table).first_child; c != kNoNode && !data; c = d_.node(c).next) {
      if (d_.node(c).Is("tr")) data = heads(c);
      if (d_.node(c).Is("tbody"))
        for (NodeId r = d_.node(c).first_child; r != kNoNode && !data; r = d_.node(r).next)
          data = d_.node(r).Is("tr") && heads(r);
    }
    it->second = data;
    return data;
  }

  // A heading, a term, or a short line without a sentence end.
  bool IsHeadingLike(const TextBlock& t) const {
    const std::string& name = Name(t);
    if (IsHeading(name) || NameIn(name, {"dt", "legend", "summary"})) return true;
    return t.length <= 60 && !EndsLikeSentence(t.text) && WordCount(t.text) <= 8;
  }

  // The element or one of its close ancestors (below root) is named `tag`.
  bool WithinTag(NodeId id, std::string_view tag, int levels) const {
    for (NodeId p = id; p != kNoNode && p != root_ && levels-- >= 0; p = d_.node(p).parent)
      if (d_.node(p).name == tag) return true;
    return false;
  }

  std::size_t CachedTextLength(NodeId id) {
    std::int64_t& length = text_length_[static_cast<std::size_t>(id)];
    if (length < 0) length = static_cast<std::int64_t>(TextLength(d_, id));
    return static_cast<std::size_t>(length);
  }

  // The furniture the block's element or a close ancestor is named as, when that box is
  // short enough to be it.
  Furniture FurnitureAround(NodeId id) {
    int levels = kFurnitureLevels;
    for (NodeId p = id; p != kNoNode && p != root_ && levels-- >= 0; p = d_.node(p).parent) {
      Furniture f = FurnitureOf(d_.node(p));
      if (f != Furniture::kNone)
        return CachedTextLength(p) <= FurnitureLimit(f) ? f : Furniture::kNone;
    }
    return Furniture::kNone;
  }

  // The verdict on one block; *rule (when given) says why it goes.
  Verdict Judge(const Block& b, std::string* rule) const {
    auto drop = [&](auto&&... why) {
      if (rule) *rule = (std::string(why) + ...);
      return Verdict::kDrop;
    };
    const TextBlock& t = b.text;
    if (b.furniture == Furniture::kCredit || b.furniture == Furniture::kMeta ||
        b.furniture == Furniture::kAuthor)
      return drop("in a box named as ", b.furniture == Furniture::kCredit ? "a credit"
                                        : b.furniture == Furniture::kMeta ? "a meta line"
                                                                          : "an author box");
    if (b.caption && !gallery_ && WordCount(t.text) <= kCaptionWords)
      return drop("a short caption (at most 8 words)");
    if (IsArrowTeaser(t)) return drop("an arrowed link to another story");
    // Cells of a data table are its data, however they read.
    if (b.folded.empty() || b.data) return Verdict::kKeep;
    if (Name(t) != "th" && t.length <= kLabelLength) {
      ChromeKind k = LabelKind(b.folded);
      if (k != ChromeKind::kNone) {
        if (rule)
          *rule = std::string("a label of chrome phrase class \"") + ChromeKindName(k) + "\"";
        return OpensSection(k) && IsSectionHead(t, k) ? Verdict::kSection : Verdict::kDrop;
      }
    }
    if (ChromeKind k = LeadInKind(b.folded);
        k != ChromeKind::kNone && t.length <= LimitsOf(k).lead_in)
      return drop("opens with a lead-in of chrome phrase class \"", ChromeKindName(k), "\"");
    if (!IsCell(t) && b.heading && t.length <= 100) {
      ChromeKind k = HeadingKind(b.folded);
      if (OpensSection(k) && IsSectionHead(t, k)) {
        if (rule)
          *rule = std::string("a heading of chrome phrase class \"") + ChromeKindName(k) + "\"";
        return Verdict::kMaybeSection;
      }
    }
    if (ChromeKinds notices = NoticeKinds(b.folded); !notices.empty())
      for (int k = 1; k <= static_cast<int>(ChromeKind::kControl); ++k)
        if (notices.Has(static_cast<ChromeKind>(k)) &&
            t.length <= LimitsOf(static_cast<ChromeKind>(k)).notice)
          return drop("a notice of chrome phrase class \"",
                      ChromeKindName(static_cast<ChromeKind>(k)), "\"");
    if (IsCounter(t.text)) return drop("a counter (\"3 / 12\")");
    if (IsAgencyTag(t.text)) return drop("an agency tag");
    if (Echoed(b)) return drop("a teaser line the page repeats outside the container");
    return Verdict::kKeep;
  }

  // A label heads a section when it stands apart as a heading would (not an item of a
  // list or a table); a link to the comments or to the author's page heads nothing.
  bool IsSectionHead(const TextBlock& t, ChromeKind kind) const {
    if (NameIn(Name(t), {"li", "dd", "td", "th"})) return false;
    return kind == ChromeKind::kRelated || t.link_density < 0.5;
  }

  // A teaser line the page shows outside the container too (the same link in a sidebar,
  // a box repeated below): short, and a link or not a sentence; not a heading (tables of
  // contents repeat those).
  bool Echoed(const Block& b) const {
    const TextBlock& t = b.text;
    if (!o_.page_blocks || t.length < 15 || t.length > 150 || IsHeading(Name(t))) return false;
    if (t.link_density < 0.5 && ReadsLikeProse(t.text)) return false;
    auto local = local_counts_.find(t.text);
    std::size_t inside = local == local_counts_.end() ? 0 : local->second;
    return o_.page_blocks->Occurrences(t.text) > inside;
  }

  // The index past the run of teasers after block i: link lines, short titles, and the
  // excerpt under a linked title, up to a heading that is not a link.
  std::size_t TeaserRunEnd(std::size_t i) const {
    std::size_t end = i + 1;
    bool after_link = false;
    for (; end < blocks_.size(); ++end) {
      const TextBlock& next = blocks_[end].text;
      bool link = next.link_density >= 0.5;
      bool teaser = link || (next.length < 100 && !EndsLikeSentence(next.text)) ||
                    (after_link && next.length <= 300);
      if (!teaser || (!link && IsHeading(Name(next)))) break;
      after_link = link;
    }
    return end;
  }

  // Code points of article-like paragraphs from block `from` on: long enough, a
  // sentence, hardly a link.
  std::size_t ProseFrom(std::size_t from) const {
    std::size_t prose = 0;
    for (std::size_t j = from; j < blocks_.size(); ++j) {
      const TextBlock& t = blocks_[j].text;
      if (t.length >= 100 && t.link_density < 0.3 && ReadsLikeProse(t.text)) prose += t.length;
    }
    return prose;
  }

  // A section label goes with the teasers it heads; near the end of the container, with
  // no article prose after those teasers, it ends the article: it and all after it go.
  // A heading that only starts like a label goes when teasers follow it.
  void ApplySections() {
    std::size_t before = 0;
    for (std::size_t i = 0; i < blocks_.size(); ++i) {
      Block& b = blocks_[i];
      std::size_t after = total_ - before - b.text.length;
      before += b.text.length;
      if (b.verdict != Verdict::kSection && b.verdict != Verdict::kMaybeSection) continue;
      std::size_t end = TeaserRunEnd(i);
      if (static_cast<double>(after) <= o_.tail_share * static_cast<double>(total_) &&
          ProseFrom(end) < o_.tail_prose) {
        for (std::size_t j = i; j < blocks_.size(); ++j) {
          blocks_[j].verdict = Verdict::kDrop;
          if (t_ && j > i)
            blocks_[j].rule =
                "after the closing section label \"" + b.text.text + "\" (" + b.rule + ")";
        }
        if (t_) b.rule += ", near the end: it and all after it go";
        cut_after_ = b.text.id;
        cut_label_ = b.text.text;
        return;
      }
      for (std::size_t j = i + 1; j < end; ++j) {
        blocks_[j].verdict = Verdict::kDrop;
        if (t_) blocks_[j].rule = "a teaser under the section label \"" + b.text.text + "\"";
      }
      bool drop = b.verdict == Verdict::kSection || end > i + 1;
      b.verdict = drop ? Verdict::kDrop : Verdict::kKeep;
    }
  }

  // Chrome shapes that count only at the edges of the container, before the first and
  // after the last block of prose: link lines (not sentences, not written-out URLs),
  // datelines, breadcrumb and tag trails. Table cells are data.
  bool EdgeChrome(const Block& b) const {
    const TextBlock& t = b.text;
    if (IsCell(t)) return false;
    if (t.length <= 150 && t.link_density >= 0.5 && !EndsWithPeriod(t.text) &&
        !IsWrittenUrl(t.text))
      return true;
    return t.length <= 120 && (IsDateline(t.text) || IsSeparatedTrail(t.text));
  }

  void TrimEdges() {
    for (Block& b : blocks_) {
      if (b.verdict == Verdict::kDrop) continue;
      if (IsProse(b.text)) break;
      if (EdgeChrome(b)) DropAtEdge(&b, "before");
    }
    for (std::size_t i = blocks_.size(); i-- > 0;) {
      Block& b = blocks_[i];
      if (b.verdict == Verdict::kDrop) continue;
      if (IsProse(b.text)) break;
      if (EdgeChrome(b)) DropAtEdge(&b, "after");
    }
  }

  void DropAtEdge(Block* b, std::string_view side) {
    b->verdict = Verdict::kDrop;
    if (t_)
      b->rule = "a link line, dateline or trail " + std::string(side) +
                (side == "before" ? " the first" : " the last") + " paragraph of prose";
  }

  void Record(NodeId id, std::string rule) {
    if (t_) t_->Dropped(id, "chrome pruner", std::move(rule));
  }

  HtmlDocument& d_;
  NodeId root_;
  const PruneOptions& o_;
  ExtractTrace* t_;                        // null unless tracing
  std::vector<std::int64_t> text_length_;  // TextLength of furniture boxes, -1 unknown
  std::vector<Block> blocks_;
  std::unordered_map<std::string, std::size_t> local_counts_;  // block texts in root
  std::unordered_map<NodeId, bool> data_tables_;               // table -> has column heads
  std::size_t total_ = 0;
  bool gallery_ = false;
  NodeId cut_after_ = kNoNode;
  std::string cut_label_;  // the text of the closing section label
};

}  // namespace

void PruneChrome(HtmlDocument* doc, NodeId root, const PruneOptions& options, ExtractTrace* trace) {
  if (root == kNoNode) return;
  ChromePruner(doc, root, options, trace).Run();
}

}  // namespace gpalert
