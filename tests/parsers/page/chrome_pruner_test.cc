// The chrome inside or beside the article container, one fixture page per class of it:
// related lists and read-more lines, prompts and notices in several languages, captions
// and credits (and galleries, whose captions are the text), edges (breadcrumbs,
// datelines, tag trails, author boxes), teasers repeated outside the container, and a
// short post whose comments outweigh it. What belongs to the article (headings, lists,
// paragraphs) must stay.
#include <gtest/gtest.h>

#include "parsers/page/extract_article.h"
#include "tests/parsers/page/page_fixture.h"

namespace gpalert {
namespace {

using testing::ReadPage;

std::string TextOf(const std::string& page) {
  Result<Article> a = ExtractArticle(ReadPage(page), ExtractOptions{});
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  return a.ok() && a->text ? *a->text : std::string();
}

void ExpectKept(const std::string& text, std::initializer_list<const char*> kept) {
  for (const char* k : kept) EXPECT_NE(text.find(k), std::string::npos) << k << "\n" << text;
}

void ExpectDropped(const std::string& text, std::initializer_list<const char*> dropped) {
  for (const char* d : dropped) EXPECT_EQ(text.find(d), std::string::npos) << d << "\n" << text;
}

TEST(ChromePrunerTest, DropsRelatedListsAndReadMoreLinesButKeepsTheArticle) {
  std::string text = TextOf("chrome_related.html");
  ExpectKept(
      text, {"Ab dem kommenden Montag", "Nach Angaben der Stadt", "Weitere Schritte bis zum Sommer",
             "Takt: alle 20 Minuten", "Die Fahrpläne liegen ab Freitag"});
  ExpectDropped(text,
                {"Lesen Sie auch", "Ladestation am Betriebshof geht ans Netz",
                 "Das k\xC3\xB6nnte Sie auch interessieren", "Radweg an der Ringstra",
                 "Zwischen Nordtor und Stadion", "Mehr zum Thema", "Linie 12", "Unsere Redaktion"});
}

TEST(ChromePrunerTest, DropsPromptsAndNoticesInSeveralLanguages) {
  std::string text = TextOf("chrome_prompts.html");
  ExpectKept(text, {"La municipalit\xC3\xA9 a lanc\xC3\xA9", "Le budget de l'op\xC3\xA9ration",
                    "Les associations de riverains"});
  ExpectDropped(text, {"lire aussi", "Publicit\xC3\xA9", "Lea tambi\xC3\xA9n", "Czytaj te",
                       "Reklama", "Partager", "newsletter", "S\xC3\xADguenos",
                       "droits r\xC3\xA9serv\xC3\xA9s", "Toute reproduction"});
}

TEST(ChromePrunerTest, DropsShortCaptionsCreditsAndSlideshowControls) {
  std::string text = TextOf("chrome_captions.html");
  ExpectKept(text, {"Die 1887 errichtete Steinbr\xC3\xBC"
                    "cke",
                    "Untersuchungen hatten", "Taucher untersuchten im Herbst die Pfeiler",
                    "Die Kosten von 4,8"});
  ExpectDropped(text, {"im Morgennebel", "Foto:", "Stadtwerke/Archiv", "Bild 3 von 12",
                       "Schlie\xC3\x9F"
                       "en",
                       "M. Berger"});
}

TEST(ChromePrunerTest, KeepsTheCaptionsOfAGallery) {
  std::string text = TextOf("chrome_gallery.html");
  ExpectKept(text, {"Snowdrops under the old apple tree.", "Witch hazel in full flower."});
}

TEST(ChromePrunerTest, TrimsTrailsDatelinesTagsAndTheAuthorBoxAtTheEdges) {
  std::string text = TextOf("chrome_edges.html");
  ExpectKept(text, {"Am M\xC3\xBChl"
                    "bach haben die Arbeiten",
                    "Bis zum Herbst"});
  ExpectDropped(text, {"Startseite", "Oberes Tal", "17:45", "Hochwasser | Bauen", "Anna Weber",
                       "Kommentare erscheinen"});
  EXPECT_EQ(text.rfind("Am M\xC3\xBChl", 0), 0u) << text;
}

TEST(ChromePrunerTest, DropsTeaserLinesThePageRepeatsOutsideTheArticle) {
  std::string text = TextOf("chrome_repeated.html");
  ExpectKept(text, {"After three years of repairs", "Entry is free", "Guided tours start"});
  ExpectDropped(text, {"Harbour wall to be raised"});
}

TEST(ChromePrunerTest, TrustsTheStrictAttemptOverSomewhatLongerComments) {
  std::string text = TextOf("short_post_with_comments.html");
  ExpectKept(text, {"This week we try a pub quiz on air"});
  ExpectDropped(text, {"Great episode"});
}

TEST(ChromePrunerTest, KeepsADataTableWhoseHeadReadsLikeALabel) {
  std::string rows;
  for (int i = 1; i <= 12; ++i)
    rows += "<tr><td>Messstelle " + std::to_string(i) + "</td><td>" + std::to_string(40 + i) +
            " cm</td><td>Teilen</td></tr>";
  std::string body;
  for (int i = 0; i < 4; ++i)
    body +=
        "<p>Die Pegel an den Messstellen des Flusses sind in der Nacht weiter gestiegen, "
        "teilte das Landesamt am Morgen mit, und sie sollen bis zum Abend weiter steigen.</p>";
  std::string page =
      "<html><head><title>Pegel</title></head><body><article>" + body +
      "<table><thead><tr><th>Messstelle</th><th>Pegel</th><th>Kommentar</th></tr></thead>"
      "<tbody>" +
      rows + "</tbody></table>" + body + "</article></body></html>";
  Result<Article> a = ExtractArticle(page, ExtractOptions{});
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(a->text);
  ExpectKept(*a->text, {"Kommentar", "Messstelle 12", "52 cm\tTeilen"});
}

}  // namespace
}  // namespace gpalert
