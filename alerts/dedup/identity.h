// DecideIdentity: the one rule that says whether an item a poll found is an article the
// store already has — by GUID within its source, by canonical URL, by exact content hash,
// by near-duplicate fingerprint, in that order — as a pure function over the item's
// fingerprint and what the store found for it. The store gathers the evidence and acts
// on the verdict in one transaction (store/sql_store.cc, RecordArticles); nothing
// else decides identity. Pure functions on values; any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "alerts/dedup/fingerprint.h"

namespace gpalert {

// Why an item is (or is not) an article already stored.
enum class MatchRule { kNew, kGuid, kUrl, kContentHash, kNearDuplicate };

// A stored article the evidence points at; `pruned` when only its dedup keys are left.
struct ArticleRef {
  std::int64_t id = 0;
  bool pruned = false;
};

// A stored article whose text may be the item's.
struct TextCandidate {
  std::int64_t article_id = 0;
  Fingerprint fingerprint;  // for by_content_hash only content_hash is needed
  std::string title;
  bool same_source = false;  // the item's source already holds it
};

// What the store holds that may be the item, each found through its own index.
struct IdentityEvidence {
  std::optional<ArticleRef> by_guid;           // same GUID from the same source
  std::optional<ArticleRef> by_url;            // same canonical URL from any source (or an alias)
  std::vector<TextCandidate> by_content_hash;  // stored articles with the same body
  std::vector<TextCandidate> near;             // articles sharing an LSH band with the item
};

// The item as the rule sees it.
struct IdentityItem {
  std::string title;
  std::optional<Fingerprint> fingerprint;  // nullopt: too short a text to have one
};

struct IdentityOptions {
  // Items at least this similar (Similarity below) to a stored article are that article.
  // 0 turns near-duplicate detection off (the exact keys still apply).
  double threshold = 0.5;
};

struct IdentityVerdict {
  MatchRule rule = MatchRule::kNew;
  ArticleRef article;       // unset (id 0) for kNew
  double similarity = 1.0;  // for kNearDuplicate: the best candidate's; 1 for exact rules
};

// How alike two articles are, 0..1: the estimated share of the shorter one's word
// 3-shingles found in the other (EstimatedContainment). This is the number `gpalert
// similar` prints and the threshold compares.
double Similarity(const Fingerprint& a, const Fingerprint& b);

// Is `similarity` a duplicate under `options`? Two texts under titles of different words
// must be more alike: halfway from the threshold to 1 (0.75 at 0.5). A stock paragraph
// (a disclaimer, an "about us") shared by two short notes of one publisher scores about
// its share of the shorter note, while a copy under a new headline scores near 1.
bool IsNearDuplicate(double similarity, const IdentityOptions& options, bool same_title = true);

// The rule. Without a fingerprint only GUID and URL can match. A text match (content hash
// or near-duplicate) with an article the item's own source already holds counts only
// when both titles have the same words: a feed that gives every entry the same stock
// summary, or a site template around short notes, must not fold its articles into one.
// Across sources a content hash decides alone, and a near-duplicate under another title
// needs the higher bar of IsNearDuplicate. Among near candidates the most similar wins
// (lowest id on a tie: the first copy stored).
IdentityVerdict DecideIdentity(const IdentityItem& item, const IdentityEvidence& evidence,
                               const IdentityOptions& options);

// Do the two titles have the same words (FingerprintWords)?
bool SameTitleWords(std::string_view a, std::string_view b);

// "new", "guid", "url", "content-hash", "near-duplicate".
const char* MatchRuleName(MatchRule rule);
// The inverse of MatchRuleName; kNew for an unknown name.
MatchRule ParseMatchRule(std::string_view name);

}  // namespace gpalert
