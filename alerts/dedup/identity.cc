#include "alerts/dedup/identity.h"

namespace gpalert {

double Similarity(const Fingerprint& a, const Fingerprint& b) { return EstimatedContainment(a, b); }

bool IsNearDuplicate(double similarity, const IdentityOptions& options, bool same_title) {
  if (options.threshold <= 0) return false;
  double bar = same_title ? options.threshold : options.threshold + (1 - options.threshold) / 2;
  return similarity >= bar;
}

bool SameTitleWords(std::string_view a, std::string_view b) {
  FingerprintWordScanner scan_a(a);
  FingerprintWordScanner scan_b(b);
  std::string_view wa;
  std::string_view wb;
  for (;;) {
    bool more_a = scan_a.Next(&wa);
    bool more_b = scan_b.Next(&wb);
    if (more_a != more_b) return false;
    if (!more_a) return true;
    if (wa != wb) return false;
  }
}

IdentityVerdict DecideIdentity(const IdentityItem& item, const IdentityEvidence& evidence,
                               const IdentityOptions& options) {
  const std::optional<Fingerprint>& fingerprint = item.fingerprint;
  auto admissible = [&](const TextCandidate& c) {
    return !c.same_source || SameTitleWords(item.title, c.title);
  };
  IdentityVerdict verdict;
  auto exact = [&](MatchRule rule, const ArticleRef& ref) {
    verdict.rule = rule;
    verdict.article = ref;
    verdict.similarity = 1.0;
    return verdict;
  };
  if (evidence.by_guid) return exact(MatchRule::kGuid, *evidence.by_guid);
  if (evidence.by_url) return exact(MatchRule::kUrl, *evidence.by_url);
  if (!fingerprint) return verdict;
  for (const TextCandidate& c : evidence.by_content_hash) {
    if (admissible(c)) return exact(MatchRule::kContentHash, ArticleRef{c.article_id, false});
  }
  const TextCandidate* best = nullptr;
  double best_similarity = 0;
  for (const TextCandidate& c : evidence.near) {
    bool same_title = SameTitleWords(item.title, c.title);
    if (c.same_source && !same_title) continue;
    double s = Similarity(*fingerprint, c.fingerprint);
    if (!IsNearDuplicate(s, options, same_title)) continue;
    if (!best || s > best_similarity || (s == best_similarity && c.article_id < best->article_id)) {
      best = &c;
      best_similarity = s;
    }
  }
  if (best) {
    verdict.rule = MatchRule::kNearDuplicate;
    verdict.article = ArticleRef{best->article_id, false};
    verdict.similarity = best_similarity;
  }
  return verdict;
}

const char* MatchRuleName(MatchRule rule) {
  switch (rule) {
    case MatchRule::kNew:
      return "new";
    case MatchRule::kGuid:
      return "guid";
    case MatchRule::kUrl:
      return "url";
    case MatchRule::kContentHash:
      return "content-hash";
    case MatchRule::kNearDuplicate:
      return "near-duplicate";
  }
  return "new";
}

MatchRule ParseMatchRule(std::string_view name) {
  for (MatchRule r :
       {MatchRule::kGuid, MatchRule::kUrl, MatchRule::kContentHash, MatchRule::kNearDuplicate}) {
    if (name == MatchRuleName(r)) return r;
  }
  return MatchRule::kNew;
}

}  // namespace gpalert
