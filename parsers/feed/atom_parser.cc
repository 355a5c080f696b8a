#include "parsers/feed/atom_parser.h"

#include "common/strings.h"
#include "parsers/feed/feed_vocabulary.h"
#include "parsers/feed/xml_node.h"

namespace gpalert {
namespace {

// A text construct's content and how to read it.
struct TextConstruct {
  std::string raw;
  TextKind kind = TextKind::kPlain;
};

const xmlNode* FirstElementChild(const xmlNode* node) {
  for (const xmlNode* c = node->children; c != nullptr; c = c->next)
    if (IsElement(c)) return c;
  return nullptr;
}

bool IsHtmlType(std::string_view t) { return t == "html" || t == "text/html"; }
bool IsXhtmlType(std::string_view t) { return t == "xhtml" || t == "application/xhtml+xml"; }
bool IsPlainType(std::string_view t) {
  return t.empty() || t == "text" || t == "text/plain" ||
         (t.starts_with("text/") && !IsHtmlType(t));
}

TextConstruct Base64Construct(const xmlNode* node, TextKind kind) {
  auto bytes = DecodeBase64(TextContent(node));
  return {bytes ? SanitizeUtf8(*bytes) : "", kind};
}

TextConstruct ReadTextConstruct(const xmlNode* node, bool atom03) {
  std::string type = AsciiLower(TrimAscii(Attribute(node, "type").value_or("")));
  if (auto semi = type.find(';'); semi != std::string::npos)
    type = std::string(TrimAscii(type.substr(0, semi)));
  auto mode_attr = Attribute(node, "mode");
  if (atom03 || mode_attr) {
    std::string mode = AsciiLower(TrimAscii(mode_attr.value_or("xml")));
    TextKind kind = (IsHtmlType(type) || IsXhtmlType(type) || IsXmlMediaType(type))
                        ? TextKind::kHtml
                        : TextKind::kPlain;
    if (mode == "base64") return Base64Construct(node, kind);
    if (mode == "escaped") return {TextContent(node), kind};
    if (const xmlNode* first = FirstElementChild(node)) {
      // Atom 1.0 XHTML is the content of its wrapping div, even when a 0.3-style mode
      // attribute is present; Atom 0.3 keeps the whole element content.
      if (!atom03 && IsXhtmlType(type) && LocalName(first) == "div")
        return {InnerMarkup(first), TextKind::kHtml};
      return {InnerMarkup(node), TextKind::kHtml};
    }
    return {TextContent(node), kind};
  }
  if (IsPlainType(type)) return {TextContent(node), TextKind::kPlain};
  if (IsHtmlType(type)) return {TextContent(node), TextKind::kHtml};
  if (IsXhtmlType(type)) {
    const xmlNode* div = FirstElementChild(node);
    if (div != nullptr && LocalName(div) == "div") return {InnerMarkup(div), TextKind::kHtml};
    return {InnerMarkup(node), TextKind::kHtml};
  }
  if (IsXmlMediaType(type)) return {InnerMarkup(node), TextKind::kHtml};
  return Base64Construct(node, TextKind::kPlain);  // other media types are base64
}

class AtomReader {
 public:
  AtomReader(const xmlNode* root, bool atom03, FeedContext* ctx, ParsedFeed* feed)
      : root_(root), atom03_(atom03), ctx_(ctx), feed_(feed), core_ns_(NamespaceUri(root)) {}

  void Read() {
    DublinCoreTarget dc{
        &feed_->title, &feed_->description, nullptr, &feed_->author, &feed_->updated,
        nullptr,       &feed_->language,    nullptr};
    LinkChoice link;
    ForEachChildElement(root_, core_ns_, [&](const xmlNode* c, Vocab vocab, std::string_view name) {
      if (!IsAtom(vocab)) {
        ApplyDublinCore(c, vocab, dc, ctx_);
        return;
      }
      if (name == "entry")
        ReadEntry(c);
      else if (name == "title")
        feed_->title = Text(c);
      else if (name == "subtitle" || name == "tagline")
        feed_->description = Text(c);
      else if (name == "link")
        ReadLink(c, &link, nullptr);
      else if (name == "updated" || name == "modified")
        Assign(&feed_->updated, ToDate(TextContent(c), name, ctx_));
      else if (name == "author" && !feed_author_seen_) {
        feed_author_seen_ = true;
        feed_->author = ReadPerson(c);
      }
    });
    if (link.url) feed_->link = link.url;
    if (!feed_->language) feed_->language = XmlLangOf(root_);
  }

 private:
  // The first rel="alternate" link, preferring HTML (or untyped) ones.
  struct LinkChoice {
    std::optional<std::string> url;
    bool html = false;
  };

  static bool IsAtom(Vocab v) {
    return v == Vocab::kCore || v == Vocab::kAtom10 || v == Vocab::kAtom03;
  }

  static void Assign(std::optional<Instant>* target, std::optional<Instant> value) {
    if (value) *target = value;
  }

  std::string Text(const xmlNode* node) {
    TextConstruct t = ReadTextConstruct(node, atom03_);
    return ToText(t.raw, t.kind);
  }

  std::string Html(const xmlNode* node) {
    TextConstruct t = ReadTextConstruct(node, atom03_);
    return ToHtml(t.raw, t.kind, BaseUrlOf(node, ctx_->document_base));
  }

  void ReadLink(const xmlNode* c, LinkChoice* choice, FeedEntry* entry) {
    std::string rel = AsciiLower(TrimAscii(Attribute(c, "rel").value_or("alternate")));
    std::string base = BaseUrlOf(c, ctx_->document_base);
    auto href = Attribute(c, "href");
    std::string url = ToUrl(href ? *href : TextContent(c), base);
    if (rel == "alternate") {
      std::string type = AsciiLower(TrimAscii(Attribute(c, "type").value_or("")));
      bool html = type.empty() || IsHtmlType(type) || IsXhtmlType(type);
      if (!choice->url || (html && !choice->html)) {
        choice->url = url;
        choice->html = html;
      }
    } else if (rel == "enclosure" && entry != nullptr && !url.empty()) {
      Enclosure enc;
      enc.url = url;
      if (auto type = Attribute(c, "type")) enc.type = std::string(TrimAscii(*type));
      if (auto length = Attribute(c, "length")) enc.length = ParseLength(*length);
      entry->enclosures.push_back(std::move(enc));
    }
  }

  Person ReadPerson(const xmlNode* node) {
    Person p;
    bool structured = false;
    for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
      if (!IsElement(c)) continue;
      structured = true;
      std::string_view name = LocalName(c);
      std::string value = CollapseWhitespace(TextContent(c));
      if (name == "name")
        p.name = value;
      else if (name == "email")
        p.email = value;
      else if (name == "uri" || name == "url")
        p.uri = ToUrl(value, BaseUrlOf(c, ctx_->document_base));
    }
    if (!structured) return ParsePersonText(TextContent(node));
    return p;
  }

  void ReadEntry(const xmlNode* entry) {
    FeedEntry e;
    LinkChoice link;
    bool author_seen = false, content_seen = false;
    DublinCoreTarget dc{&e.title,   nullptr,      &e.summary, &e.author,
                        &e.updated, &e.published, nullptr,    &e.categories};
    ForEachChildElement(entry, core_ns_, [&](const xmlNode* c, Vocab vocab, std::string_view name) {
      if (!IsAtom(vocab)) {
        ApplyDublinCore(c, vocab, dc, ctx_);
        return;
      }
      if (name == "id") {
        e.id = ToUrl(TextContent(c), BaseUrlOf(c, ctx_->document_base));
      } else if (name == "title") {
        e.title = Text(c);
      } else if (name == "link") {
        ReadLink(c, &link, &e);
      } else if (name == "published" || name == "issued") {
        Assign(&e.published, ToDate(TextContent(c), name, ctx_));
      } else if (name == "updated" || name == "modified") {
        Assign(&e.updated, ToDate(TextContent(c), name, ctx_));
      } else if (name == "author" && !author_seen) {
        author_seen = true;
        e.author = ReadPerson(c);
      } else if (name == "summary") {
        e.summary = Html(c);
      } else if (name == "content" && !content_seen) {
        content_seen = true;
        if (!Attribute(c, "src")) e.content = Html(c);
      } else if (name == "category") {
        auto term = Attribute(c, "term");
        std::string value =
            term ? CollapseWhitespace(*term) : ToText(TextContent(c), TextKind::kPlain);
        if (!value.empty()) e.categories.push_back(std::move(value));
      }
    });
    if (link.url) e.link = link.url;
    if (!e.updated) e.updated = e.published;
    if (!e.summary) e.summary = e.content;
    feed_->entries.push_back(std::move(e));
  }

  const xmlNode* root_;
  bool atom03_;
  FeedContext* ctx_;
  ParsedFeed* feed_;
  std::string core_ns_;
  bool feed_author_seen_ = false;
};

}  // namespace

void ParseAtom(const xmlNode* root, bool atom03, FeedContext* ctx, ParsedFeed* feed) {
  AtomReader(root, atom03, ctx, feed).Read();
}

}  // namespace gpalert
