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
  add(c.outbox_emptied, "sent message(s)", "cut to their headers", "to cut to their headers");
  add(c.outbox_deleted, "message(s)", "deleted", "to delete");
  add(c.articles, "article(s)", "deleted", "to delete");
  if (c.articles_forced > 0) {
    parts.back() += fmt::format(" ({} still pending, past the hard cap)", c.articles_forced);
  }
  add(c.dedup_keys, "dedup key(s)", "expired", "to expire");
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
  if (out.empty()) out = "nothing to prune";
  if (c.articles_held > 0) {
    out += fmt::format("; {} article(s) kept for pending digests", c.articles_held);
  }
  if (!c.complete) out += "; more to do (time budget used up)";
  return out;
}

}  // namespace gpalert
