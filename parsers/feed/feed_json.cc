#include "parsers/feed/feed_json.h"

#include <fmt/format.h>

#include <optional>
#include <string_view>

namespace gpalert {
namespace {

// A minimal pretty-printing JSON writer for the one shape this file emits.
class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }

  // Starts a member of the current object.
  void Key(std::string_view key) {
    Separate();
    Quoted(key);
    out_->append(": ");
    after_key_ = true;
  }

  void String(std::string_view s) {
    Separate();
    Quoted(s);
  }

  void Null() { Raw("null"); }
  void Int(std::int64_t v) { Raw(std::to_string(v)); }

  void String(const std::optional<std::string>& s) { s ? String(std::string_view(*s)) : Null(); }
  void Date(const std::optional<Instant>& t) {
    t ? String(std::string_view(FormatRfc3339(*t))) : Null();
  }

 private:
  // Appends `s` as a JSON string literal (the text is valid UTF-8, written as is).
  void Quoted(std::string_view s) {
    out_->push_back('"');
    size_t run = 0;  // start of the pending run of characters that need no escape
    for (size_t i = 0; i < s.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out_->append(s.substr(run, i - run));
      run = i + 1;
      switch (c) {
        case '"':
          out_->append("\\\"");
          break;
        case '\\':
          out_->append("\\\\");
          break;
        case '\n':
          out_->append("\\n");
          break;
        case '\r':
          out_->append("\\r");
          break;
        case '\t':
          out_->append("\\t");
          break;
        case '\b':
          out_->append("\\b");
          break;
        case '\f':
          out_->append("\\f");
          break;
        default:
          fmt::format_to(std::back_inserter(*out_), "\\u{:04x}", static_cast<unsigned>(c));
      }
    }
    out_->append(s.substr(run));
    out_->push_back('"');
  }

  void Raw(std::string_view text) {
    Separate();
    out_->append(text);
  }

  // Before a value or key: a comma after a previous sibling, then a new line.
  void Separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (depth_ == 0) return;
    if (!first_) out_->push_back(',');
    first_ = false;
    NewLine();
  }

  void Open(char bracket) {
    Separate();
    out_->push_back(bracket);
    ++depth_;
    first_ = true;
  }

  void Close(char bracket) {
    --depth_;
    if (!first_) NewLine();  // empty containers stay "[]" / "{}"
    first_ = false;
    out_->push_back(bracket);
  }

  void NewLine() {
    out_->push_back('\n');
    out_->append(2 * static_cast<size_t>(depth_), ' ');
  }

  std::string* out_;
  int depth_ = 0;
  bool first_ = true;
  bool after_key_ = false;
};

void WritePerson(JsonWriter* w, const std::optional<Person>& p) {
  if (!p) return w->Null();
  w->BeginObject();
  w->Key("name");
  w->String(p->name);
  w->Key("email");
  w->String(p->email);
  w->Key("uri");
  w->String(p->uri);
  w->EndObject();
}

void WriteEntry(JsonWriter* w, const FeedEntry& e) {
  w->BeginObject();
  w->Key("id");
  w->String(e.id);
  w->Key("title");
  w->String(e.title);
  w->Key("link");
  w->String(e.link);
  w->Key("published");
  w->Date(e.published);
  w->Key("updated");
  w->Date(e.updated);
  w->Key("author");
  WritePerson(w, e.author);
  w->Key("summary");
  w->String(e.summary);
  w->Key("content");
  w->String(e.content);
  w->Key("categories");
  w->BeginArray();
  for (const auto& c : e.categories) w->String(std::string_view(c));
  w->EndArray();
  w->Key("enclosures");
  w->BeginArray();
  for (const auto& enc : e.enclosures) {
    w->BeginObject();
    w->Key("url");
    w->String(std::string_view(enc.url));
    w->Key("type");
    w->String(enc.type);
    w->Key("length");
    enc.length ? w->Int(*enc.length) : w->Null();
    w->EndObject();
  }
  w->EndArray();
  w->EndObject();
}

}  // namespace

std::string FeedToJsonText(const ParsedFeed& feed) {
  std::string out;
  size_t estimate = 512;
  for (const auto& e : feed.entries)
    estimate += 400 + e.summary.value_or("").size() + e.content.value_or("").size();
  out.reserve(estimate);
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("format");
  w.String(feed.format);
  w.Key("encoding");
  w.String(std::string_view(feed.encoding));
  w.Key("title");
  w.String(feed.title);
  w.Key("link");
  w.String(feed.link);
  w.Key("description");
  w.String(feed.description);
  w.Key("language");
  w.String(feed.language);
  w.Key("updated");
  w.Date(feed.updated);
  w.Key("author");
  WritePerson(&w, feed.author);
  w.Key("entries");
  w.BeginArray();
  for (const auto& e : feed.entries) WriteEntry(&w, e);
  w.EndArray();
  w.Key("warnings");
  w.BeginArray();
  for (const auto& warning : feed.warnings) w.String(std::string_view(warning));
  w.EndArray();
  w.EndObject();
  return out;
}

nlohmann::ordered_json FeedToJson(const ParsedFeed& feed) {
  return nlohmann::ordered_json::parse(FeedToJsonText(feed));
}

}  // namespace gpalert
