#include "alerts/dedup/identity.h"

#include <gtest/gtest.h>

#include <string>

namespace gpalert {
namespace {

std::string Text(int n, int salt) {
  std::string out;
  for (int i = 0; i < n; ++i)
    out += "word" + std::to_string((i * 7919 + salt * 104729) % 100003) + " ";
  return out;
}

Fingerprint Of(const std::string& body) { return *FingerprintArticle("", body); }

TextCandidate Stored(std::int64_t id, const Fingerprint& f, std::string title = "Stored",
                     bool same_source = false) {
  return TextCandidate{id, f, std::move(title), same_source};
}

IdentityItem Item(const Fingerprint& f, std::string title = "Item") {
  return IdentityItem{std::move(title), f};
}

TEST(DecideIdentityTest, TheRulesApplyInOrderGuidUrlHashNear) {
  Fingerprint item = Of(Text(200, 1));
  IdentityEvidence all;
  all.by_guid = ArticleRef{1, false};
  all.by_url = ArticleRef{2, false};
  all.by_content_hash = {Stored(3, item)};
  all.near = {Stored(4, item)};
  IdentityOptions options;

  IdentityVerdict v = DecideIdentity(Item(item), all, options);
  EXPECT_EQ(v.rule, MatchRule::kGuid);
  EXPECT_EQ(v.article.id, 1);
  all.by_guid.reset();
  v = DecideIdentity(Item(item), all, options);
  EXPECT_EQ(v.rule, MatchRule::kUrl);
  EXPECT_EQ(v.article.id, 2);
  all.by_url.reset();
  v = DecideIdentity(Item(item), all, options);
  EXPECT_EQ(v.rule, MatchRule::kContentHash);
  EXPECT_EQ(v.article.id, 3);
  all.by_content_hash.clear();
  v = DecideIdentity(Item(item), all, options);
  EXPECT_EQ(v.rule, MatchRule::kNearDuplicate);
  EXPECT_EQ(v.article.id, 4);
  EXPECT_DOUBLE_EQ(v.similarity, 1.0);
  all.near.clear();
  EXPECT_EQ(DecideIdentity(Item(item), all, options).rule, MatchRule::kNew);
}

TEST(DecideIdentityTest, WithoutAFingerprintOnlyTheExactKeysMatch) {
  IdentityEvidence e;
  e.by_content_hash = {Stored(3, Of(Text(200, 1)))};
  e.near = {Stored(4, Of(Text(200, 1)))};
  IdentityItem short_item{"Item", std::nullopt};
  EXPECT_EQ(DecideIdentity(short_item, e, {}).rule, MatchRule::kNew);
  e.by_url = ArticleRef{2, false};
  EXPECT_EQ(DecideIdentity(short_item, e, {}).rule, MatchRule::kUrl);
}

TEST(DecideIdentityTest, TheMostSimilarCandidateWinsAndTheFirstStoredOnATie) {
  std::string base = Text(300, 2);
  Fingerprint item = Of(base);
  Fingerprint close = Of(base + Text(20, 3));
  Fingerprint closer = Of(base + Text(2, 4));
  Fingerprint far = Of(Text(300, 5));
  IdentityEvidence e;
  e.near = {Stored(10, far), Stored(11, close), Stored(12, closer)};
  IdentityVerdict v = DecideIdentity(Item(item), e, {});
  EXPECT_EQ(v.rule, MatchRule::kNearDuplicate);
  EXPECT_EQ(v.article.id, 12);
  EXPECT_GT(v.similarity, 0.9);

  e.near = {Stored(21, item), Stored(20, item)};
  EXPECT_EQ(DecideIdentity(Item(item), e, {}).article.id, 20);
}

TEST(DecideIdentityTest, TheThresholdDecidesAndZeroTurnsNearDuplicatesOff) {
  Fingerprint item = Of(Text(300, 6));
  Fingerprint other = Of(Text(300, 6) + Text(300, 7));  // holds all of item: containment ~1
  IdentityEvidence e;
  e.near = {Stored(5, other)};
  EXPECT_EQ(DecideIdentity(Item(item), e, {}).rule, MatchRule::kNearDuplicate);
  IdentityOptions off;
  off.threshold = 0;
  EXPECT_EQ(DecideIdentity(Item(item), e, off).rule, MatchRule::kNew);
  EXPECT_FALSE(IsNearDuplicate(0.99, off));
  EXPECT_TRUE(IsNearDuplicate(0.5, IdentityOptions{}));
  EXPECT_FALSE(IsNearDuplicate(0.49, IdentityOptions{}));
}

TEST(DecideIdentityTest, WithinOneSourceTheSameTextNeedsTheSameTitle) {
  Fingerprint stock = Of(Text(100, 8));
  IdentityEvidence e;
  e.by_content_hash = {Stored(7, stock, "Weekly roundup 12", /*same_source=*/true)};
  e.near = e.by_content_hash;
  EXPECT_EQ(DecideIdentity(Item(stock, "Weekly roundup 13"), e, {}).rule, MatchRule::kNew)
      << "a feed's stock summary does not make its entries one";
  EXPECT_EQ(DecideIdentity(Item(stock, "WEEKLY  roundup: 12"), e, {}).rule,
            MatchRule::kContentHash);
  e.by_content_hash.clear();
  EXPECT_EQ(DecideIdentity(Item(stock, "weekly roundup 12"), e, {}).rule,
            MatchRule::kNearDuplicate);
  // From another source a copy under a new headline is the same article.
  e.near = {Stored(7, stock, "Weekly roundup 12", /*same_source=*/false)};
  EXPECT_EQ(DecideIdentity(Item(stock, "Republished: a new headline"), e, {}).rule,
            MatchRule::kNearDuplicate);
}

TEST(DecideIdentityTest, AcrossSourcesADifferentTitleNeedsTheHigherBar) {
  // Two short notes of one publisher, each with the same 90-word disclaimer, found in two
  // sources: the disclaimer is over half of each, yet they are two articles.
  std::string disclaimer = Text(90, 20);
  Fingerprint a = *FingerprintArticle("Dams on the Indus", Text(60, 21) + disclaimer);
  Fingerprint b = *FingerprintArticle("Elections in Nepal", Text(60, 22) + disclaimer);
  double s = Similarity(a, b);
  ASSERT_GT(s, 0.5);
  ASSERT_LT(s, 0.75);
  IdentityEvidence e;
  e.near = {Stored(9, b, "Elections in Nepal")};
  EXPECT_EQ(DecideIdentity(Item(a, "Dams on the Indus"), e, {}).rule, MatchRule::kNew);
  // The same similarity under the same title is a copy (another series' light edit).
  e.near = {Stored(9, b, "Dams on the Indus")};
  EXPECT_EQ(DecideIdentity(Item(a, "Dams on the Indus"), e, {}).rule, MatchRule::kNearDuplicate);
  EXPECT_TRUE(IsNearDuplicate(0.75, IdentityOptions{}, false));
  EXPECT_FALSE(IsNearDuplicate(0.74, IdentityOptions{}, false));
  IdentityOptions strict;
  strict.threshold = 0.8;
  EXPECT_FALSE(IsNearDuplicate(0.89, strict, false));
  EXPECT_TRUE(IsNearDuplicate(0.9, strict, false));
}

TEST(MatchRuleTest, NamesRoundTrip) {
  for (MatchRule r : {MatchRule::kNew, MatchRule::kGuid, MatchRule::kUrl, MatchRule::kContentHash,
                      MatchRule::kNearDuplicate}) {
    EXPECT_EQ(ParseMatchRule(MatchRuleName(r)), r);
  }
  EXPECT_EQ(ParseMatchRule("nonsense"), MatchRule::kNew);
}

}  // namespace
}  // namespace gpalert
