// Digest: renders one subscriber's digest of new articles as a complete RFC 5322 message
// (multipart/alternative, text + HTML, quoted-printable, CRLF) ready for the outbox.
// Pure function of its inputs (no clock, no I/O); safe from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "alerts/mail/mail_options.h"
#include "alerts/subscriber.h"
#include "common/status.h"
#include "common/time_format.h"
#include "store/store.h"

namespace gpalert {

struct DigestMessage {
  std::string
      message_id;  // the Message-ID header value, "<...@host>"; stable for (subscriber, key, From)
  std::string subject;  // decoded subject, for logs and previews
  std::string bytes;    // the whole message, CRLF line ends
  int article_count = 0;
};

struct DigestRequest {
  const Subscriber* subscriber = nullptr;  // must outlive the call
  const std::vector<StoredArticle>* articles =
      nullptr;  // oldest first, as PendingArticles gives them
  // Their stored pages (Store::ArticleBodies), for a subscriber whose content is "lead"
  // or "full"; an article without one shows its summary. May be null.
  const std::map<std::int64_t, ArticleBody>* bodies = nullptr;
  // Configured source names in config order: groups follow this order; sources not in it
  // come after, by name. An article is listed once, under its first source.
  std::vector<std::string> source_order;
  // The name readers see for a source (its display_name), by configured name; a source
  // not in it shows its own name. Group headings, "also in" and {sources} use these.
  std::map<std::string, std::string> public_names;
  Instant now;
  // Names this digest for this subscriber (see DigestKeyFor): the Message-ID derives from
  // it, so re-rendering the same digest after a crash yields the same Message-ID.
  std::string digest_key;
  // Part `part` of `parts` (1-based) when one digest is split; the subject says so.
  int part = 1;
  int parts = 1;
};

// kInvalidArgument when there are no articles or mail.from is not an address.
Result<DigestMessage> RenderDigest(const DigestRequest& request, const MailOptions& mail);

// The ids of `articles` in the order a digest lists them (grouped by first source,
// sources as in `source_order`, then by name): the order full texts take its budget in.
std::vector<std::int64_t> DigestOrder(const std::vector<StoredArticle>& articles,
                                      const std::vector<std::string>& source_order);

// A digest key from the article ids it carries ("articles:3,7,12"; an article alerted
// again after an update with its version, "articles:3,7.v1,12"): the same articles in the
// same versions to the same subscriber give the same Message-ID.
std::string DigestKeyFor(const std::vector<StoredArticle>& articles);

// mail.subject with {count}, {sources} and {date} filled in. `sources` longer than three
// names or 60 characters becomes "A, B and 3 more".
std::string FormatDigestSubject(std::string_view pattern, int count,
                                const std::vector<std::string>& sources, std::string_view date);

}  // namespace gpalert
