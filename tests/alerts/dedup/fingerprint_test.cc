#include "alerts/dedup/fingerprint.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "tests/support/prose.h"

namespace gpalert {
namespace {

std::string Words(int n, unsigned seed) { return testing::Prose(n, seed); }

TEST(FingerprintWordsTest, FoldsCaseSplitsOnPunctuationAndCountsEachIdeograph) {
  EXPECT_EQ(
      FingerprintWords("Pakistan–Russia TIES, déjà ÉTÉ; Ωmega Москва"),
      (std::vector<std::string>{"pakistan", "russia", "ties", "déjà", "été", "ωmega", "москва"}));
  EXPECT_EQ(FingerprintWords("soft\u00ADhyphen"), (std::vector<std::string>{"softhyphen"}));
  EXPECT_EQ(FingerprintWords("日本語です"),
            (std::vector<std::string>{"日", "本", "語", "で", "す"}));
  // A malformed byte separates words like punctuation.
  EXPECT_EQ(FingerprintWords("a\xff"
                             "b"),
            (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(FingerprintWords(" ,.;— ").empty());
}

TEST(FingerprintTest, OnlyTheFirstWordsOfAHugeBodyCount) {
  std::string head = Words(kMaxFingerprintWords, 20);
  auto a = FingerprintArticle("", head);
  auto b = FingerprintArticle("", head + " " + Words(100000, 21));
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->content_hash, b->content_hash);
  EXPECT_EQ(a->minhash, b->minhash);
  EXPECT_EQ(FingerprintWords("a b c d", 2), (std::vector<std::string>{"a", "b"}));
}

TEST(FingerprintTest, TooShortABodyHasNoFingerprint) {
  EXPECT_FALSE(FingerprintArticle("A title", Words(kMinFingerprintWords - 1, 1)));
  EXPECT_TRUE(FingerprintArticle("", Words(kMinFingerprintWords, 1)));
}

TEST(FingerprintTest, TheWordCountThatGatesAFingerprintIsTheWordSplittersOwn) {
  // 39 words split by punctuation, digits inside words, then the 40th after a non-ASCII
  // separator: ASCII counting and the full splitter must agree where the text changes.
  std::string body;
  for (int i = 0; i < kMinFingerprintWords - 1; ++i) body += "w" + std::to_string(i) + ",--";
  EXPECT_EQ(CountFingerprintWords(body), static_cast<std::size_t>(kMinFingerprintWords - 1));
  EXPECT_FALSE(FingerprintArticle("t", body));
  EXPECT_FALSE(FingerprintArticle("t", body + "\u00AD"));  // ignored, not a word
  EXPECT_TRUE(FingerprintArticle("t", body + "\u2014déjà"));
  EXPECT_TRUE(FingerprintArticle("t", body + "日"));
}

TEST(FingerprintTest, ShinglesAreCountedOnceEach) {
  // 300 words that repeat one 3-word phrase: three distinct shingles (abc, bca, cab) and
  // the title's one.
  std::string body;
  for (int i = 0; i < 100; ++i) body += "alpha beta gamma ";
  auto f = FingerprintArticle("Title", body);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->shingles, 4u);
  auto g = FingerprintArticle("", Words(500, 8));
  ASSERT_TRUE(g);
  EXPECT_GT(g->shingles, 490u);
  EXPECT_LE(g->shingles, 498u);
}

TEST(FingerprintTest, TheTextHashIsFixed) {
  // Stored (article_sources.text_hash): the same value on every host and build.
  EXPECT_EQ(TextHash(""), TextHash(std::string_view()));
  EXPECT_NE(TextHash("a"), TextHash("b"));
  EXPECT_NE(TextHash("12345678"), TextHash("123456789"));
  EXPECT_NE(TextHash(std::string(8, '\0')), TextHash(std::string(9, '\0')));
  EXPECT_EQ(TextHash("The same text, twice over."), TextHash("The same text, twice over."));
  EXPECT_EQ(TextHash("Pakistan Reader"), static_cast<std::int64_t>(0x4bf40956cc0a69d2ULL));
}

TEST(FingerprintTest, TheSameTextIsIdenticalWhateverItsSpacingAndCase) {
  std::string body = Words(300, 2);
  std::string shouted = body;
  for (char& c : shouted) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto a = FingerprintArticle("Title", body);
  auto b = FingerprintArticle("Title", "  " + shouted + "\n\n");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->content_hash, b->content_hash);
  EXPECT_EQ(a->minhash, b->minhash);
  EXPECT_DOUBLE_EQ(EstimatedJaccard(*a, *b), 1.0);
  EXPECT_DOUBLE_EQ(EstimatedContainment(*a, *b), 1.0);
}

TEST(FingerprintTest, AnAppendedNoteKeepsContainmentHighAndTheHashChanges) {
  std::string body = Words(400, 3);
  auto a = FingerprintArticle("Deepening ties", body);
  auto b = FingerprintArticle("Deepening ties",
                              body +
                                  " Note: the note was first published in Pakistan Reader, "
                                  "6 December 2021, and is republished here with changes.");
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->content_hash, b->content_hash);
  EXPECT_GT(EstimatedContainment(*a, *b), 0.85);
}

TEST(FingerprintTest, DifferentArticlesAreFarApart) {
  auto a = FingerprintArticle("One", Words(400, 4));
  auto b = FingerprintArticle("Two", Words(400, 5));
  ASSERT_TRUE(a && b);
  EXPECT_LT(EstimatedContainment(*a, *b), 0.1);
}

TEST(FingerprintTest, ContainmentOfAHalfIsAboutAHalf) {
  std::string first = Words(300, 6), second = Words(300, 7);
  auto whole = FingerprintArticle("", first + " " + second);
  auto half = FingerprintArticle("", first);
  ASSERT_TRUE(whole && half);
  EXPECT_NEAR(EstimatedContainment(*whole, *half), 1.0, 0.15);
  EXPECT_NEAR(EstimatedJaccard(*whole, *half), 0.5, 0.15);
}

TEST(FingerprintTest, BandKeysAreDistinctAcrossBandsAndSharedByCopies) {
  std::string body = Words(300, 8);
  auto a = FingerprintArticle("", body);
  auto b = FingerprintArticle("", body + " one more sentence at the end of it");
  auto c = FingerprintArticle("", Words(300, 9));
  ASSERT_TRUE(a && b && c);
  std::vector<std::int64_t> ka = BandKeys(*a), kb = BandKeys(*b), kc = BandKeys(*c);
  ASSERT_EQ(ka.size(), static_cast<std::size_t>(kBands));
  EXPECT_EQ(std::set<std::int64_t>(ka.begin(), ka.end()).size(), ka.size());
  int shared_ab = 0, shared_ac = 0;
  for (int i = 0; i < kBands; ++i) {
    shared_ab += ka[i] == kb[i];
    shared_ac += ka[i] == kc[i];
  }
  EXPECT_GT(shared_ab, kBands / 2);
  EXPECT_EQ(shared_ac, 0);
}

TEST(FingerprintTest, SignatureRoundTripsAndRejectsAWrongSize) {
  auto a = FingerprintArticle("", Words(100, 10));
  ASSERT_TRUE(a);
  std::string bytes = EncodeSignature(*a);
  EXPECT_EQ(bytes.size(), static_cast<std::size_t>(kMinHashes) * 4);
  Fingerprint back;
  ASSERT_TRUE(DecodeSignature(bytes, &back));
  EXPECT_EQ(back.minhash, a->minhash);
  EXPECT_FALSE(DecodeSignature(bytes.substr(1), &back));
}

}  // namespace
}  // namespace gpalert
