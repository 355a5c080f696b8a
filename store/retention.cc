#include "store/retention.h"

#include <fmt/format.h>

namespace gpalert {

std::string DescribePruneCounts(const PruneCounts& c) {
  // A dry run says what would go ("to delete"), a real one what went ("deleted").
  auto verb = [&](std::string_view done, std::string_view todo) { return c.dry_run ? todo : done; };
  std::vector<std::string> parts;
  auto add = [&](std::int64_t n, std::string_view what, std::string_view done,
                 std::string_view todo) {
    if (n > 0) parts.push_back(fmt::format("{} {} {}", n, what, verb(done, todo)));
  };
  add(c.outbox_emptied, "sent message bodies", "dropped", "to drop");
  add(c.outbox_deleted, "messages", "deleted", "to delete");
  add(c.articles, "articles", "deleted", "to delete");
  if (c.articles_forced > 0) {
    parts.back() += fmt::format(" ({} still pending, past the hard cap)", c.articles_forced);
  }
  add(c.dedup_keys, "dedup keys", "expired", "to expire");
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
  if (out.empty()) out = "nothing to prune";
  if (c.articles_held > 0) {
    out += fmt::format("; {} articles kept for pending digests", c.articles_held);
  }
  if (!c.complete) out += "; more to do (time budget used up)";
  return out;
}

}  // namespace gpalert
