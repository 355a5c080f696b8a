#include "parsers/feed_json.h"

namespace gpalert {
namespace {

using json = nlohmann::ordered_json;

json OrNull(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }
json OrNull(const std::optional<Instant>& t) { return t ? json(FormatRfc3339(*t)) : json(nullptr); }

json PersonJson(const std::optional<Person>& p) {
  if (!p) return nullptr;
  return json{{"name", OrNull(p->name)}, {"email", OrNull(p->email)}, {"uri", OrNull(p->uri)}};
}

json EntryJson(const FeedEntry& e) {
  json enclosures = json::array();
  for (const auto& enc : e.enclosures) {
    enclosures.push_back(json{{"url", enc.url},
                              {"type", OrNull(enc.type)},
                              {"length", enc.length ? json(*enc.length) : json(nullptr)}});
  }
  return json{{"id", OrNull(e.id)},           {"title", OrNull(e.title)},
              {"link", OrNull(e.link)},       {"published", OrNull(e.published)},
              {"updated", OrNull(e.updated)}, {"author", PersonJson(e.author)},
              {"summary", OrNull(e.summary)}, {"content", OrNull(e.content)},
              {"categories", e.categories},   {"enclosures", std::move(enclosures)}};
}

}  // namespace

json FeedToJson(const ParsedFeed& feed) {
  json entries = json::array();
  for (const auto& e : feed.entries) entries.push_back(EntryJson(e));
  json out = json::object();
  out["format"] = OrNull(feed.format);
  out["encoding"] = feed.encoding;
  out["title"] = OrNull(feed.title);
  out["link"] = OrNull(feed.link);
  out["description"] = OrNull(feed.description);
  out["language"] = OrNull(feed.language);
  out["updated"] = OrNull(feed.updated);
  out["author"] = PersonJson(feed.author);
  out["entries"] = std::move(entries);
  out["warnings"] = feed.warnings;
  return out;
}

}  // namespace gpalert
