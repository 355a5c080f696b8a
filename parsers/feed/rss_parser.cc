#include "parsers/feed/rss_parser.h"

#include "common/strings.h"
#include "parsers/feed/feed_vocabulary.h"
#include "parsers/feed/xml_node.h"

namespace gpalert {
namespace {

constexpr const char* kRdfNamespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

bool HasElementChildren(const xmlNode* node) {
  for (const xmlNode* c = node->children; c != nullptr; c = c->next)
    if (IsElement(c)) return true;
  return false;
}

// Text of an RSS element; markup written as child elements is kept as HTML.
std::string RssText(const xmlNode* node) {
  return HasElementChildren(node) ? ToText(InnerMarkup(node), TextKind::kHtml)
                                  : ToText(TextContent(node), TextKind::kAuto);
}

std::string RssHtml(const xmlNode* node, const std::string& base) {
  return HasElementChildren(node) ? ToHtml(InnerMarkup(node), TextKind::kHtml, base)
                                  : ToHtml(TextContent(node), TextKind::kHtml, base);
}

class RssReader {
 public:
  RssReader(const xmlNode* root, FeedContext* ctx, ParsedFeed* feed)
      : root_(root), ctx_(ctx), feed_(feed), core_ns_(NamespaceUri(root)) {}

  void Read() {
    ForEachChildElement(root_, core_ns_, [&](const xmlNode* c, Vocab vocab, std::string_view name) {
      if (vocab == Vocab::kCore && name == "channel") {
        ReadChannel(c);
      } else if (vocab == Vocab::kCore && name == "item") {
        ReadItem(c);
      }
    });
    if (!feed_->updated) feed_->updated = channel_published_;
    if (!feed_->language) {
      feed_->language = XmlLangOf(root_);
      if (!feed_->language && channel_ != nullptr) feed_->language = XmlLangOf(channel_);
    }
  }

 private:
  void ReadChannel(const xmlNode* channel) {
    channel_ = channel;
    DublinCoreTarget dc{&feed_->title,   &feed_->description, nullptr,          &feed_->author,
                        &feed_->updated, &channel_published_, &feed_->language, nullptr};
    ForEachChildElement(
        channel, core_ns_, [&](const xmlNode* c, Vocab vocab, std::string_view name) {
          if (vocab == Vocab::kCore) {
            if (name == "item")
              ReadItem(c);
            else if (name == "title")
              feed_->title = RssText(c);
            else if (name == "link")
              feed_->link = ToUrl(TextContent(c), BaseUrlOf(c, ctx_->document_base));
            else if (name == "description")
              feed_->description = RssText(c);
            else if (name == "language")
              feed_->language = std::string(TrimAscii(TextContent(c)));
            else if (name == "lastBuildDate")
              Assign(&feed_->updated, ToDate(TextContent(c), "lastBuildDate", ctx_));
            else if (name == "pubDate")
              Assign(&channel_published_, ToDate(TextContent(c), "pubDate", ctx_));
            else if (name == "managingEditor" || name == "author")
              feed_->author = ParsePersonText(RssText(c));
          } else {
            ApplyDublinCore(c, vocab, dc, ctx_);
          }
        });
  }

  static void Assign(std::optional<Instant>* target, std::optional<Instant> value) {
    if (value) *target = value;
  }

  void ReadItem(const xmlNode* item) {
    FeedEntry e;
    std::optional<std::string> guid_link;
    DublinCoreTarget dc{&e.title,   nullptr,      &e.summary, &e.author,
                        &e.updated, &e.published, nullptr,    &e.categories};
    ForEachChildElement(item, core_ns_, [&](const xmlNode* c, Vocab vocab, std::string_view name) {
      if (vocab == Vocab::kCore) {
        if (name == "title") {
          e.title = RssText(c);
        } else if (name == "link") {
          e.link = ToUrl(TextContent(c), BaseUrlOf(c, ctx_->document_base));
        } else if (name == "guid") {
          std::string guid(TrimAscii(TextContent(c)));
          e.id = guid;
          auto permalink = Attribute(c, "isPermaLink");
          if (!permalink || AsciiLower(TrimAscii(*permalink)) != "false")
            guid_link = ToUrl(guid, BaseUrlOf(c, ctx_->document_base));
          else
            guid_link.reset();
        } else if (name == "description") {
          e.summary = RssHtml(c, BaseUrlOf(c, ctx_->document_base));
        } else if (name == "fullitem") {
          e.content = RssHtml(c, BaseUrlOf(c, ctx_->document_base));
        } else if (name == "body") {
          e.content = ToHtml(InnerMarkup(c), TextKind::kHtml, BaseUrlOf(c, ctx_->document_base));
        } else if (name == "pubDate") {
          Assign(&e.published, ToDate(TextContent(c), "pubDate", ctx_));
        } else if (name == "author") {
          e.author = ParsePersonText(RssText(c));
        } else if (name == "category") {
          std::string term = RssText(c);
          if (!term.empty()) e.categories.push_back(std::move(term));
        } else if (name == "enclosure") {
          ReadEnclosure(c, &e);
        }
      } else if (vocab == Vocab::kContent && name == "encoded") {
        e.content = RssHtml(c, BaseUrlOf(c, ctx_->document_base));
      } else if (vocab == Vocab::kXhtml && name == "body") {
        e.content = ToHtml(InnerMarkup(c), TextKind::kHtml, BaseUrlOf(c, ctx_->document_base));
      } else {
        ApplyDublinCore(c, vocab, dc, ctx_);
      }
    });
    if (!e.id) {
      if (auto about = AttributeNs(item, "about", kRdfNamespace))
        e.id = std::string(TrimAscii(*about));
    }
    if (!e.link && guid_link && !guid_link->empty()) e.link = guid_link;
    if (!e.updated) e.updated = e.published;
    if (!e.summary) e.summary = e.content;
    feed_->entries.push_back(std::move(e));
  }

  void ReadEnclosure(const xmlNode* c, FeedEntry* e) {
    auto url = Attribute(c, "url");
    if (!url) return;
    Enclosure enc;
    enc.url = ToUrl(*url, BaseUrlOf(c, ctx_->document_base));
    if (auto type = Attribute(c, "type")) enc.type = std::string(TrimAscii(*type));
    if (auto length = Attribute(c, "length")) enc.length = ParseLength(*length);
    e->enclosures.push_back(std::move(enc));
  }

  const xmlNode* root_;
  const xmlNode* channel_ = nullptr;
  FeedContext* ctx_;
  ParsedFeed* feed_;
  std::string core_ns_;
  std::optional<Instant> channel_published_;
};

}  // namespace

void ParseRss(const xmlNode* root, FeedContext* ctx, ParsedFeed* feed) {
  RssReader(root, ctx, feed).Read();
}

}  // namespace gpalert
