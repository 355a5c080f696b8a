#include "parsers/feed/json_feed_parser.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "common/strings.h"
#include "parsers/text/html_sanitizer.h"

namespace gpalert {
namespace {

using nlohmann::json;

constexpr int kMaxNesting = 256;

// Rejects absurd nesting before handing the text to the JSON library.
bool NestingIsBounded(std::string_view s) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxNesting) return false;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return true;
}

std::optional<std::string> String(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
  if (it->is_number()) return it->dump();
  return std::nullopt;
}

std::optional<Person> ReadAuthor(const json& j, const std::string& base) {
  const json* author = nullptr;
  if (auto it = j.find("authors"); it != j.end() && it->is_array() && !it->empty())
    author = &(*it)[0];
  else if (auto it2 = j.find("author"); it2 != j.end())
    author = &*it2;
  if (author == nullptr || !author->is_object()) return std::nullopt;
  Person p;
  p.name = String(*author, "name");
  if (auto url = String(*author, "url")) {
    if (StartsWithIgnoreCase(TrimAscii(*url), "mailto:"))
      p.email = std::string(TrimAscii(*url).substr(7));
    else
      p.uri = ToUrl(*url, base);
  }
  if (!p.name && !p.email && !p.uri) return std::nullopt;
  return p;
}

FeedEntry ReadItem(const json& item, const std::string& base, FeedContext* ctx) {
  FeedEntry e;
  e.id = String(item, "id");
  if (auto title = String(item, "title")) e.title = std::string(TrimAscii(*title));
  if (auto url = String(item, "url")) e.link = ToUrl(*url, base);
  if (auto html = String(item, "content_html"))
    e.content = ToHtml(*html, TextKind::kHtml, base);
  else if (auto text = String(item, "content_text"))
    e.content = ToHtml(*text, TextKind::kPlain, base);
  if (auto summary = String(item, "summary")) e.summary = ToHtml(*summary, TextKind::kPlain, base);
  if (auto d = String(item, "date_published")) e.published = ToDate(*d, "date_published", ctx);
  if (auto d = String(item, "date_modified")) e.updated = ToDate(*d, "date_modified", ctx);
  e.author = ReadAuthor(item, base);
  if (auto tags = item.find("tags"); tags != item.end() && tags->is_array()) {
    for (const auto& t : *tags)
      if (t.is_string()) e.categories.push_back(t.get<std::string>());
  }
  if (auto att = item.find("attachments"); att != item.end() && att->is_array()) {
    for (const auto& a : *att) {
      if (!a.is_object()) continue;
      auto url = String(a, "url");
      if (!url) continue;
      Enclosure enc;
      enc.url = ToUrl(*url, base);
      enc.type = String(a, "mime_type");
      if (auto size = a.find("size_in_bytes"); size != a.end() && size->is_number_integer())
        enc.length = size->get<std::int64_t>();
      e.enclosures.push_back(std::move(enc));
    }
  }
  if (!e.updated) e.updated = e.published;
  if (!e.summary) e.summary = e.content;
  return e;
}

}  // namespace

bool ParseJsonFeed(std::string_view utf8, FeedContext* ctx, ParsedFeed* feed) {
  if (!NestingIsBounded(utf8)) {
    ctx->warnings->push_back("JSON nested too deeply; not parsed");
    return false;
  }
  json doc = json::parse(utf8.begin(), utf8.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    ctx->warnings->push_back("not valid JSON");
    return false;
  }
  if (!doc.is_object()) return false;
  auto version = String(doc, "version");
  if (!version || version->find("jsonfeed.org/version/") == std::string::npos) return false;
  feed->format = "jsonfeed";
  feed->encoding = "utf-8";
  const std::string& base = ctx->document_base;
  if (auto title = String(doc, "title")) feed->title = std::string(TrimAscii(*title));
  if (auto home = String(doc, "home_page_url")) feed->link = ToUrl(*home, base);
  if (auto description = String(doc, "description"))
    feed->description = std::string(TrimAscii(*description));
  if (auto language = String(doc, "language")) feed->language = *language;
  feed->author = ReadAuthor(doc, base);
  if (auto items = doc.find("items"); items != doc.end() && items->is_array()) {
    for (const auto& item : *items)
      if (item.is_object()) feed->entries.push_back(ReadItem(item, base, ctx));
  }
  return true;
}

}  // namespace gpalert
