#include "parsers/page/extract_article.h"

#include <fmt/format.h>

#include "common/strings.h"
#include "common/url.h"
#include "parsers/page/article_fields.h"
#include "parsers/page/dom_text.h"
#include "parsers/page/extract_body.h"
#include "parsers/page/html_document.h"
#include "parsers/page/metadata.h"
#include "parsers/page/text_blocks.h"
#include "parsers/text/html_charset.h"

namespace gpalert {

namespace {

Status AtUrl(const ExtractOptions& options, const Status& status) {
  return options.url.empty() ? status : status.WithPrefix(options.url + ": ");
}

}  // namespace

Result<Article> ExtractArticle(std::string_view bytes, const ExtractOptions& options) {
  ParseBudget budget(options.limits);
  std::vector<std::string> warnings;
  if (bytes.size() > options.max_bytes) {
    warnings.push_back(
        fmt::format("page cut at {} bytes (it has {})", options.max_bytes, bytes.size()));
    bytes = bytes.substr(0, options.max_bytes);
  }
  // Binary data (images, archives, random bytes) is not a page: say so instead of
  // extracting noise from it.
  std::string_view head = bytes.substr(0, 64 * 1024);
  size_t control = 0;
  for (char c : head) {
    auto u = static_cast<unsigned char>(c);
    control += u < 0x09 || (u > 0x0D && u < 0x20) || u == 0x7F;
  }
  if (!head.empty() && control * 100 > head.size()) {
    std::string where = options.url.empty() ? std::string() : options.url + ": ";
    return Status::InvalidArgument(fmt::format(
        "{}does not look like HTML ({} control bytes in the first {}); is it binary data?", where,
        control, head.size()));
  }
  DecodedHtml decoded = DecodeHtml(bytes, options.content_type);
  HtmlParseOptions parse_options;
  parse_options.max_input = options.max_bytes;
  Result<HtmlDocument> parsed = HtmlDocument::Parse(decoded.utf8, parse_options, &budget);
  if (!parsed.ok()) return AtUrl(options, parsed.status());
  HtmlDocument& doc = parsed.value();
  Article a;
  a.warnings = std::move(warnings);
  a.warnings.insert(a.warnings.end(), doc.warnings().begin(), doc.warnings().end());
  std::optional<HtmlDocument> parsed_copy;
  if (options.trace) parsed_copy.emplace(doc.Clone());
  PageMetadata meta = ReadPageMetadata(doc);
  // Visible fallbacks, and the page's repeated blocks, read before extraction rewrites
  // the tree.
  VisibleFields visible = ReadVisibleFields(doc, meta.title.value_or(""));
  BlockCounts page_blocks = BlockCounts::Count(doc);

  BodyOptions body_options;
  body_options.title = meta.title.value_or("");
  body_options.budget = &budget;
  PruneOptions prune;
  prune.page_blocks = &page_blocks;
  body_options.prune = &prune;
  body_options.trace = options.trace;
  ExtractedBody body = ExtractBody(&doc, body_options);
  if (Status within = budget.Check(); !within.ok()) return AtUrl(options, within);

  a.url = options.url;
  if (a.url.empty() && meta.canonical_url && IsHttpUrl(*meta.canonical_url))
    a.url = *meta.canonical_url;
  a.title = meta.title;
  if (a.title && a.title->empty()) a.title.reset();
  a.byline = meta.byline ? meta.byline : body.byline;
  if (!a.byline) a.byline = visible.byline;
  if (a.byline) {
    std::string b = CleanByline(*a.byline);
    if (b.empty())
      a.byline.reset();
    else
      a.byline = b;
  }
  a.published = meta.published ? meta.published : visible.published;
  a.lang = meta.lang;
  a.site_name = meta.site_name;
  if (body.root != kNoNode) {
    if (visible.standfirst && visible.standfirst_is_text)
      KeepStandfirst(&doc, body.root, *visible.standfirst);
    DropTrailingBoilerplate(&doc, body.root, options.trace);
    if (!a.url.empty()) AbsolutizeLinks(&doc, body.root, a.url);
    a.text = RenderText(doc, body.root);
    a.html = RenderHtml(doc, body.root, /*include_root=*/false);
    a.references = FindReferences(doc, body.root);
    if (Status within = budget.Check(); !within.ok()) return AtUrl(options, within);
  }
  a.lead = visible.standfirst ? visible.standfirst : meta.excerpt;
  if (!a.lead && a.text) a.lead = FirstSentences(*a.text, 300);
  if (options.trace) {
    options.trace->before = std::move(parsed_copy);
    options.trace->after.emplace(doc.Clone());
    options.trace->root = body.root;
  }
  return a;
}

}  // namespace gpalert
