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

// Pending articles the subscriber's filters admit, oldest first. Articles that do not
// match stay pending in the store and are filtered out again on each pass (never
// alerted; see the README's "what is still naive").
Result<std::vector<StoredArticle>> MatchingPending(const Config& config,
                                                   const Subscriber& subscriber, Store* store) {
  auto pending = store->PendingArticles(subscriber.email);
  if (!pending.ok()) return pending.status();
  Matcher matcher(subscriber, TagsOf(config));
  std::vector<StoredArticle> out;
  for (StoredArticle& a : pending.value())
    if (matcher.Matches(a)) out.push_back(std::move(a));
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
  auto articles = MatchingPending(config, subscriber, store);
  if (!articles.ok()) return articles.status();
  if (articles.value().empty()) return std::optional<DigestDraft>();
  DigestDraft draft;
  for (const StoredArticle& a : articles.value()) draft.article_ids.push_back(a.id);
  DigestRequest request;
  request.subscriber = &subscriber;
  request.articles = &articles.value();
  for (const SourceConfig& s : config.sources) request.source_order.push_back(s.name);
  request.now = now;
  request.digest_key = DigestKeyFor(articles.value());
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
