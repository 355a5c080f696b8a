// ChromePhrases: the words pages write on their own furniture rather than in articles
// ("Mehr zum Thema", "Read more:", "Foto:", "Alle Rechte vorbehalten", "Kommentare (3)"),
// in English, German, French, Spanish, Polish, and a few in Italian, Portuguese and Dutch,
// sorted into kinds the chrome pruner (chrome_pruner.h) treats apart. Owns nothing but
// function-local constant tables; pure, any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gpalert {

enum class ChromeKind : std::uint8_t {
  kNone,
  kRelated,    // related / read-more / most-read lists and their headings
  kComments,   // comment sections, comment prompts and notices
  kAuthor,     // author boxes ("About the author", "View all posts by")
  kShare,      // share, print, bookmark, permalink
  kFollow,     // follow us, our app, our channel
  kSubscribe,  // newsletter, subscription, paywall and donation prompts
  kRating,     // "Was this article helpful?", votes
  kAd,         // advertisement labels, affiliate notes
  kCredit,     // photo / image / source credits
  kMeta,       // datelines, categories, tags, views
  kLegal,      // copyright, licence and disclaimer notes
  kControl,    // interface words: close, zoom, back, load more, table of contents
};

// "related", "comments", ... (the kind's name, for explanations); "none" for kNone.
const char* ChromeKindName(ChromeKind kind);

// Text folded for matching: lower-case letters (Latin, Greek, Cyrillic), digits, ':'
// and '©' as their own words, everything else a word break; words joined by one space.
std::string FoldChromeText(std::string_view text);

// What a short block whose whole text is `folded` labels ("Mehr zum Thema", "Share",
// "3 Kommentare", "Anzeige"); counters and colons aside.
ChromeKind LabelKind(std::string_view folded);
// What a heading starting like a chrome section's heading heads ("Weitere Artikel aus
// ...", "More from ...", "Kommentare zu ...").
ChromeKind HeadingKind(std::string_view folded);
// What a block opening with a chrome lead-in is ("Lesen Sie auch: ...", "Foto: ...",
// "Tags: ...", "Updated ...").
ChromeKind LeadInKind(std::string_view folded);
// A set of chrome kinds.
class ChromeKinds {
 public:
  void Add(ChromeKind kind) {
    if (kind != ChromeKind::kNone) bits_ |= 1u << static_cast<unsigned>(kind);
  }
  bool Has(ChromeKind kind) const { return (bits_ >> static_cast<unsigned>(kind)) & 1u; }
  bool empty() const { return bits_ == 0; }

 private:
  std::uint32_t bits_ = 0;
};

// The kinds of the sentences only chrome writes that a block holds ("All rights
// reserved", "This site uses Akismet", "Subscribe to our newsletter"): a copyright
// line may be a credit and a legal notice at once.
ChromeKinds NoticeKinds(std::string_view folded);

// True for kinds whose label heads a whole section of chrome: what follows the heading
// (teasers, comments, the author's biography) belongs to it.
bool OpensSection(ChromeKind kind);

}  // namespace gpalert
