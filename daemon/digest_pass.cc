#include "daemon/digest_pass.h"

#include "alerts/digest.h"
#include "alerts/matcher.h"
#include "alerts/schedule.h"

namespace gpalert {
namespace {

SourceTags TagsOf(const Config& config) {
  SourceTags tags;
  for (const SourceConfig& s : config.sources) tags[s.name] = s.tags;
  return tags;
}

struct SortedPending {
  std::vector<StoredArticle> matching;     // oldest first
  std::vector<std::int64_t> not_matching;  // ids the subscriber's filters refuse
};

// The subscriber's pending articles, split by their filters.
Result<SortedPending> SortPending(const Config& config, const Subscriber& subscriber,
                                  Store* store) {
  auto pending = store->PendingArticles(subscriber.email);
  if (!pending.ok()) return pending.status();
  Matcher matcher(subscriber, TagsOf(config));
  SortedPending out;
  for (StoredArticle& a : pending.value()) {
    if (matcher.Matches(a)) {
      out.matching.push_back(std::move(a));
    } else {
      out.not_matching.push_back(a.id);
    }
  }
  return out;
}

}  // namespace

Result<std::optional<DigestDraft>> DraftDigest(const Config& config, const Subscriber& subscriber,
                                               Store* store, Instant now, bool ignore_schedule) {
  auto state = store->GetSubscriber(subscriber.email);
  if (!state.ok()) return state.status();
  if (!state.value()) return std::optional<DigestDraft>();  // never registered: nothing is theirs
  if (!ignore_schedule && !CheckDigestDue(subscriber, *state.value(), now).due)
    return std::optional<DigestDraft>();
  auto pending = SortPending(config, subscriber, store);
  if (!pending.ok()) return pending.status();
  const std::vector<StoredArticle>& articles = pending->matching;
  if (articles.empty()) return std::optional<DigestDraft>();
  DigestDraft draft;
  for (const StoredArticle& a : articles) draft.article_ids.push_back(a.id);
  DigestRequest request;
  request.subscriber = &subscriber;
  request.articles = &articles;
  for (const SourceConfig& s : config.sources) request.source_order.push_back(s.name);
  request.now = now;
  request.digest_key = DigestKeyFor(articles);
  auto rendered = RenderDigest(request, config.mail);
  if (!rendered.ok()) return rendered.status();
  draft.message.subscriber = subscriber.email;
  draft.message.message_id = rendered->message_id;
  draft.message.bytes = std::move(rendered->bytes);
  draft.message.created = now;
  return std::optional<DigestDraft>(std::move(draft));
}

Result<int> RunDigestPass(const Config& config, Store* store, Logger* logger, Instant now) {
  int committed = 0;
  Status first_failure;
  auto fail = [&](const Subscriber& s, const Status& status) {
    logger->Error("digest for {}: {}", s.email, status.message());
    if (first_failure.ok()) first_failure = status;
  };
  for (const Subscriber& subscriber : config.subscribers) {
    auto suppressed = store->IsSuppressed(subscriber.email);
    if (!suppressed.ok()) {
      fail(subscriber, suppressed.status());
      continue;
    }
    if (suppressed.value()) continue;
    auto state = store->EnsureSubscriber(subscriber.email, now);
    if (!state.ok()) {
      fail(subscriber, state.status());
      continue;
    }
    // Articles the filters refuse are settled now, so they never come back to be
    // filtered again and never hold up the ones that match.
    auto pending = SortPending(config, subscriber, store);
    if (!pending.ok()) {
      fail(subscriber, pending.status());
      continue;
    }
    if (!pending->not_matching.empty()) {
      Status skipped = store->SkipArticles(subscriber.email, pending->not_matching, now);
      if (!skipped.ok()) fail(subscriber, skipped);
    }
    DigestDue due = CheckDigestDue(subscriber, state.value(), now);
    if (!due.due) continue;
    auto draft = DraftDigest(config, subscriber, store, now, /*ignore_schedule=*/true);
    if (!draft.ok()) {
      fail(subscriber, draft.status());
      continue;
    }
    if (!draft.value()) {
      // A daily/weekly slot with nothing new is still used up, so an article arriving
      // later waits for the next slot instead of going out at once.
      if (subscriber.digest != DigestSchedule::kImmediate) {
        Status s = store->SetLastDigest(subscriber.email, now);
        if (!s.ok()) fail(subscriber, s);
      }
      continue;
    }
    auto id = store->CommitDigest(subscriber.email, draft.value()->article_ids,
                                  draft.value()->message, now);
    if (!id.ok()) {
      fail(subscriber, id.status());
      continue;
    }
    ++committed;
    logger->Info("digest for {}: {} article(s), queued as {}", subscriber.email,
                 draft.value()->article_ids.size(), draft.value()->message.message_id);
  }
  if (!first_failure.ok() && committed == 0) return first_failure;
  return committed;
}

}  // namespace gpalert
