#include "daemon/digest_pass.h"

#include <algorithm>
#include <cstddef>
#include <map>

#include "alerts/digest.h"
#include "alerts/matcher.h"
#include "alerts/schedule.h"
#include "daemon/subscriber_roster.h"

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

Result<std::vector<DigestDraft>> DraftDigest(const Config& config, const Subscriber& subscriber,
                                             Store* store, Instant now, bool ignore_schedule) {
  std::vector<DigestDraft> drafts;
  auto state = store->GetSubscriber(subscriber.email);
  if (!state.ok()) return state.status();
  if (!state.value()) return drafts;  // never registered: nothing is theirs
  if (!ignore_schedule && !CheckDigestDue(subscriber, *state.value(), now).due) return drafts;
  auto pending = SortPending(config, subscriber, store);
  if (!pending.ok()) return pending.status();
  const std::vector<StoredArticle>& articles = pending->matching;
  if (articles.empty()) return drafts;

  DigestRequest request;
  request.subscriber = &subscriber;
  for (const SourceConfig& s : config.sources) {
    request.source_order.push_back(s.name);
    request.public_names[s.name] = PublicName(s);
  }
  std::map<std::int64_t, ArticleBody> bodies;
  request.now = now;
  auto render = [&](const std::vector<StoredArticle>& chunk, int part,
                    int parts) -> Result<DigestMessage> {
    request.articles = &chunk;
    request.digest_key = DigestKeyFor(chunk);
    if (subscriber.content != DigestContentMode::kSummary) {
      // Each chunk's own bodies: a full-text digest shows at most max_full_text_bytes of
      // them (sanitising only shrinks HTML), a lead digest none.
      auto stored = store->ArticleBodies(
          DigestOrder(chunk, request.source_order),
          subscriber.content == DigestContentMode::kFull ? config.mail.max_full_text_bytes : 0);
      if (!stored.ok()) return stored.status();
      bodies = std::move(stored).value();
      request.bodies = &bodies;
    }
    request.part = part;
    request.parts = parts;
    return RenderDigest(request, config.mail);
  };
  // Chunks of at most digest_max_articles, oldest first, halved while a rendering is
  // over digest_max_bytes (an article alone over it goes out as it is).
  using Chunk = std::vector<StoredArticle>;
  const std::size_t max_articles = std::max<std::size_t>(1, config.mail.digest_max_articles);
  std::vector<Chunk> todo;  // a stack: its back is the oldest chunk still to size
  for (std::size_t begin = 0; begin < articles.size(); begin += max_articles) {
    std::size_t end = std::min(articles.size(), begin + max_articles);
    todo.emplace_back(articles.begin() + static_cast<std::ptrdiff_t>(begin),
                      articles.begin() + static_cast<std::ptrdiff_t>(end));
  }
  std::reverse(todo.begin(), todo.end());
  std::size_t max_bytes = config.mail.digest_max_bytes;
  if (state.value()->max_message_bytes && *state.value()->max_message_bytes > 0)
    max_bytes = std::min(max_bytes, static_cast<std::size_t>(*state.value()->max_message_bytes));
  std::vector<Chunk> chunks;
  std::optional<DigestMessage> only;  // the sizing rendering, kept when it is the one part
  while (!todo.empty()) {
    Chunk chunk = std::move(todo.back());
    todo.pop_back();
    auto sized = render(chunk, 1, 1);
    if (!sized.ok()) return sized.status();
    if (sized->bytes.size() > max_bytes && chunk.size() > 1) {
      auto half = chunk.begin() + static_cast<std::ptrdiff_t>(chunk.size() / 2);
      todo.emplace_back(half, chunk.end());
      todo.emplace_back(chunk.begin(), half);
      continue;
    }
    if (chunks.empty() && todo.empty()) only = std::move(sized).value();
    chunks.push_back(std::move(chunk));
  }
  const int parts = static_cast<int>(chunks.size());
  for (int k = 0; k < parts; ++k) {
    const Chunk& chunk = chunks[static_cast<std::size_t>(k)];
    // Parts are rendered again with their "(part k of n)" subject; a single part as sized.
    auto rendered = only ? Result<DigestMessage>(std::move(*only)) : render(chunk, k + 1, parts);
    if (!rendered.ok()) return rendered.status();
    DigestDraft draft;
    for (const StoredArticle& a : chunk) draft.article_ids.push_back(a.id);
    draft.message.subscriber = subscriber.email;
    draft.message.message_id = rendered->message_id;
    draft.message.bytes = std::move(rendered->bytes);
    draft.message.created = now;
    drafts.push_back(std::move(draft));
  }
  return drafts;
}

Result<int> RunDigestPass(const Config& config, Store* store, Logger* logger, Instant now) {
  int committed = 0;
  Status first_failure;
  auto fail = [&](const Subscriber& s, const Status& status) {
    logger->Error("digest for {}: {}", s.email, status.message());
    if (first_failure.ok()) first_failure = status;
  };
  auto roster = DigestRoster(config, store);
  if (!roster.ok()) return roster.status();
  for (const Subscriber& subscriber : *roster) {
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
    if (state->status == SubscriberStatus::kBouncing) continue;  // mail to it bounces
    // Articles the filters refuse are settled now, so they never come back to be
    // filtered again and never hold up the ones that match.
    auto pending = SortPending(config, subscriber, store);
    if (!pending.ok()) {
      fail(subscriber, pending.status());
      continue;
    }
    if (state->paused_until && *state->paused_until > now) {
      // Paused (the manage page): what arrives meanwhile is settled, not saved up.
      for (const StoredArticle& a : pending->matching) pending->not_matching.push_back(a.id);
      pending->matching.clear();
    }
    if (!pending->not_matching.empty()) {
      Status skipped = store->SkipArticles(subscriber.email, pending->not_matching, now);
      if (!skipped.ok()) fail(subscriber, skipped);
    }
    if (pending->matching.empty() && state->paused_until && *state->paused_until > now) continue;
    DigestDue due = CheckDigestDue(subscriber, state.value(), now);
    if (!due.due) continue;
    auto draft = DraftDigest(config, subscriber, store, now, /*ignore_schedule=*/true);
    if (!draft.ok()) {
      fail(subscriber, draft.status());
      continue;
    }
    if (draft->empty()) {
      // A daily/weekly slot with nothing new is still used up, so an article arriving
      // later waits for the next slot instead of going out at once.
      if (subscriber.digest != DigestSchedule::kImmediate) {
        Status s = store->SetLastDigest(subscriber.email, now);
        if (!s.ok()) fail(subscriber, s);
      }
      continue;
    }
    // Each part commits with its deliveries: a crash between parts leaves the later
    // parts' articles pending, for the next pass.
    const std::size_t parts = draft->size();
    for (std::size_t k = 0; k < parts; ++k) {
      const DigestDraft& part = (*draft)[k];
      auto id = store->CommitDigest(subscriber.email, part.article_ids, part.message, now);
      if (!id.ok()) {
        fail(subscriber, id.status());
        break;
      }
      ++committed;
      logger->Info(
          "digest for {}: {} article(s){}, queued as {}", subscriber.email, part.article_ids.size(),
          parts > 1 ? fmt::format(" (part {} of {})", k + 1, parts) : "", part.message.message_id);
    }
  }
  if (!first_failure.ok() && committed == 0) return first_failure;
  return committed;
}

}  // namespace gpalert
