// The chrome vocabulary: folding, and which kind each way of matching finds, in the
// languages it covers; running text that uses the same words must not match.
#include "parsers/page/chrome_phrases.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

ChromeKind Label(std::string_view text) { return LabelKind(FoldChromeText(text)); }
ChromeKind Heading(std::string_view text) { return HeadingKind(FoldChromeText(text)); }
ChromeKind LeadIn(std::string_view text) { return LeadInKind(FoldChromeText(text)); }
// The one kind of notice `text` holds (kNone for none or several).
ChromeKind Notice(std::string_view text) {
  ChromeKinds kinds = NoticeKinds(FoldChromeText(text));
  ChromeKind found = ChromeKind::kNone;
  for (int k = 1; k <= static_cast<int>(ChromeKind::kControl); ++k) {
    if (!kinds.Has(static_cast<ChromeKind>(k))) continue;
    if (found != ChromeKind::kNone) return ChromeKind::kNone;
    found = static_cast<ChromeKind>(k);
  }
  return found;
}

TEST(ChromePhrasesTest, FoldsCaseAccentsPunctuationAndKeepsColonsAndCopyright) {
  EXPECT_EQ(FoldChromeText("  \xC3\x84HNLICHE Beitr\xC3\xA4ge \xC2\xBB"),
            "\xC3\xA4hnliche beitr\xC3\xA4ge");
  EXPECT_EQ(FoldChromeText("Foto: dpa/Max"), "foto : dpa max");
  EXPECT_EQ(FoldChromeText("\xC2\xA9 2023 \xC5\x81\xC3\x93"
                           "D\xC5\xB9"),
            "\xC2\xA9 2023 \xC5\x82\xC3\xB3"
            "d\xC5\xBA");
  EXPECT_EQ(FoldChromeText("\xD0\x9D\xD0\x9E\xD0\x92\xD0\x9E\xD0\xA1\xD0\xA2\xD0\x98"),
            "\xD0\xBD\xD0\xBE\xD0\xB2\xD0\xBE\xD1\x81\xD1\x82\xD0\xB8");
}

TEST(ChromePhrasesTest, KnowsLabelsWhateverTheirCountersAndColons) {
  struct Case {
    const char* text;
    ChromeKind kind;
  } cases[] = {
      {"Mehr zum Thema", ChromeKind::kRelated},
      {"\xC3\x80 lire aussi", ChromeKind::kRelated},
      {"Lea tambi\xC3\xA9n", ChromeKind::kRelated},
      {"Czytaj te\xC5\xBC", ChromeKind::kRelated},
      {"Related Stories", ChromeKind::kRelated},
      {"3 Kommentare", ChromeKind::kComments},
      {"Comments (12)", ChromeKind::kComments},
      {"\xC3\x9C"
       "ber den Autor",
       ChromeKind::kAuthor},
      {"Share this article", ChromeKind::kShare},
      {"Partager", ChromeKind::kShare},
      {"Folgen Sie uns", ChromeKind::kFollow},
      {"Newsletter abonnieren", ChromeKind::kSubscribe},
      {"War der Artikel n\xC3\xBCtzlich?", ChromeKind::kRating},
      {"- Anzeige -", ChromeKind::kAd},
      {"Reklama", ChromeKind::kAd},
      {"Tags:", ChromeKind::kMeta},
      {"Alle Rechte vorbehalten", ChromeKind::kLegal},
      {"Schlie\xC3\x9F"
       "en",
       ChromeKind::kControl},
      {"Inhaltsverzeichnis", ChromeKind::kControl},
  };
  for (const Case& c : cases) EXPECT_EQ(Label(c.text), c.kind) << c.text;
  for (const char* text : {"Die Stadt", "Mehr zum Thema Wohnen gibt es nicht", "Kommentar zur Wahl",
                           "Weitere Schritte bis zum Sommer", "Photo"})
    EXPECT_EQ(Label(text), ChromeKind::kNone) << text;
}

TEST(ChromePhrasesTest, KnowsHeadingsThatStartLikeChromeSections) {
  EXPECT_EQ(Heading("Weitere Artikel aus der Region"), ChromeKind::kRelated);
  EXPECT_EQ(Heading("More from Science"), ChromeKind::kRelated);
  EXPECT_EQ(Heading("Kommentare zu diesem Beitrag"), ChromeKind::kComments);
  EXPECT_EQ(Heading("Weitere Schritte bis zum Sommer"), ChromeKind::kNone);
  EXPECT_EQ(Heading("Morning routines"), ChromeKind::kNone);
}

TEST(ChromePhrasesTest, KnowsLeadIns) {
  EXPECT_EQ(LeadIn("Lesen Sie auch: Neue Radwege"), ChromeKind::kRelated);
  EXPECT_EQ(LeadIn("Read more: Tunisia's museum"), ChromeKind::kRelated);
  EXPECT_EQ(LeadIn("VEA TAMBI\xC3\x89N: Estudiantes"), ChromeKind::kRelated);
  EXPECT_EQ(LeadIn("Foto: Stadtwerke"), ChromeKind::kCredit);
  EXPECT_EQ(LeadIn("Photo by Joan Bardeletti"), ChromeKind::kCredit);
  EXPECT_EQ(LeadIn("Aktualisiert am 12.03.2023"), ChromeKind::kMeta);
  EXPECT_EQ(LeadIn("Weitere Infos unter www.example.org"), ChromeKind::kRelated);
  // Running text opening with the same words.
  EXPECT_EQ(LeadIn("Foto und Film sind ihre Leidenschaft"), ChromeKind::kNone);
  EXPECT_EQ(LeadIn("Weitere Informationen erteilt Anne Althaus"), ChromeKind::kNone);
  EXPECT_EQ(LeadIn("Bild der Frau berichtete zuerst"), ChromeKind::kNone);
}

TEST(ChromePhrasesTest, KnowsNoticesAnywhereInABlock) {
  EXPECT_EQ(Notice("2022 Example News. All rights reserved."), ChromeKind::kLegal);
  ChromeKinds both =
      NoticeKinds(FoldChromeText("\xC2\xA9 2022 Example News. All rights reserved."));
  EXPECT_TRUE(both.Has(ChromeKind::kCredit));
  EXPECT_TRUE(both.Has(ChromeKind::kLegal));
  EXPECT_FALSE(both.Has(ChromeKind::kAd));
  EXPECT_EQ(Notice("Die Br\xC3\xBC"
                   "cke im Nebel \xC2\xA9 Archiv"),
            ChromeKind::kCredit);
  EXPECT_EQ(Notice("Diese Website verwendet Akismet, um Spam zu reduzieren."),
            ChromeKind::kComments);
  EXPECT_EQ(Notice("Inscrivez-vous \xC3\xA0 notre newsletter du matin."), ChromeKind::kSubscribe);
  EXPECT_EQ(Notice("Get the latest news straight to your phone."), ChromeKind::kSubscribe);
  EXPECT_EQ(Notice("We may receive compensation for some of the links."), ChromeKind::kAd);
  EXPECT_EQ(Notice("Die Stadt baut eine neue Br\xC3\xBC"
                   "cke \xC3\xBC"
                   "ber den Fluss."),
            ChromeKind::kNone);
}

TEST(ChromePhrasesTest, RelatedCommentsAndAuthorLabelsOpenSections) {
  EXPECT_TRUE(OpensSection(ChromeKind::kRelated));
  EXPECT_TRUE(OpensSection(ChromeKind::kComments));
  EXPECT_TRUE(OpensSection(ChromeKind::kAuthor));
  EXPECT_FALSE(OpensSection(ChromeKind::kShare));
  EXPECT_FALSE(OpensSection(ChromeKind::kCredit));
}

}  // namespace
}  // namespace gpalert
