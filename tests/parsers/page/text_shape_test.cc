// Shapes of block text: prose, datelines, counters, agency tags and separated trails.
#include "parsers/page/text_shape.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

TEST(TextShapeTest, CountsWordsAndEachIdeographAsOne) {
  EXPECT_EQ(WordCount("Die Br\xC3\xBC"
                      "cke, 1887 gebaut."),
            4u);
  EXPECT_EQ(WordCount("\xE8\x82\x89\xE3\x82\x92"), 2u);
  EXPECT_EQ(WordCount(" -- "), 0u);
}

TEST(TextShapeTest, TellsSentencesAndProse) {
  EXPECT_TRUE(EndsLikeSentence("Er kam.\xE2\x80\x9C"));
  EXPECT_TRUE(EndsLikeSentence("Why not? "));
  EXPECT_TRUE(EndsLikeSentence("\xE8\x82\x89\xE3\x80\x82"));
  EXPECT_FALSE(EndsLikeSentence("Weitere Artikel"));
  EXPECT_TRUE(ReadsLikeProse("The committee met again and agreed on a timetable."));
  EXPECT_FALSE(ReadsLikeProse("Home | News | World | Europe | Sport"));
  EXPECT_FALSE(ReadsLikeProse("Weitere Artikel aus der Region"));
}

TEST(TextShapeTest, KnowsDatelines) {
  for (const char* text :
       {"16 marca 2021", "24.01.2022 11:38", "Updated 5:27 am", "Freitag | 14. Juni 2019 | 15:49",
        "2021-10-16", "asked Feb 6, 2014 at 20:37", "Aktualisiert am 3. M\xC3\xA4rz 2021"})
    EXPECT_TRUE(IsDateline(text)) << text;
  for (const char* text : {"+81 158-23-2012", "286,35 \xE2\x82\xAC", "3 Kommentare",
                           "Mai 2021 kam die Wende", "Kapitel 3"})
    EXPECT_FALSE(IsDateline(text)) << text;
}

TEST(TextShapeTest, KnowsSlideshowCountersAndAgencyTags) {
  EXPECT_TRUE(IsCounter("Image 1 of 8"));
  EXPECT_TRUE(IsCounter("Bild 3 von 12"));
  EXPECT_TRUE(IsCounter("3 / 12"));
  EXPECT_FALSE(IsCounter("286,35"));
  EXPECT_FALSE(IsCounter("Seite 2 von 5 Seiten"));
  EXPECT_TRUE(IsAgencyTag("aja/PAP"));
  EXPECT_TRUE(IsAgencyTag("(dpa)"));
  EXPECT_TRUE(IsAgencyTag("AFP/SID"));
  EXPECT_FALSE(IsAgencyTag("und/oder"));
  EXPECT_FALSE(IsAgencyTag("Berlin (dpa) - Die Regierung hat am Montag beschlossen"));
}

TEST(TextShapeTest, KnowsSeparatedTrails) {
  EXPECT_TRUE(IsSeparatedTrail("Startseite > Politik > Inland"));
  EXPECT_TRUE(IsSeparatedTrail("Hochwasser | Bauen | Gemeinde"));
  EXPECT_FALSE(IsSeparatedTrail("Rot | Gr\xC3\xBCn"));
  EXPECT_FALSE(IsSeparatedTrail("A long sentence that mentions 1 > 0 once."));
}

}  // namespace
}  // namespace gpalert
