// `gpalert extract [--url URL] [--header 'Name: value']... [--explain] FILE|URL...`:
// extracts the article of each page and prints one JSON object per page, one per line,
// in order; with --explain, why each block of the page was kept or dropped, as text.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/strings.h"
#include "common/url.h"
#include "daemon/cli/commands.h"
#include "daemon/cli/input_loader.h"
#include "parsers/page/extract_article.h"
#include "parsers/page/extract_trace.h"

namespace gpalert {
namespace {

using OrderedJson = nlohmann::ordered_json;

OrderedJson OptionalString(const std::optional<std::string>& s) {
  return s ? OrderedJson(*s) : OrderedJson(nullptr);
}

OrderedJson ArticleJson(const Article& a) {
  OrderedJson j;
  j["url"] = a.url.empty() ? OrderedJson(nullptr) : OrderedJson(a.url);
  j["title"] = OptionalString(a.title);
  j["byline"] = OptionalString(a.byline);
  j["published"] = a.published ? OrderedJson(FormatRfc3339(*a.published)) : OrderedJson(nullptr);
  j["lead"] = OptionalString(a.lead);
  j["text"] = OptionalString(a.text);
  j["html"] = OptionalString(a.html);
  j["references"] = a.references;
  j["lang"] = OptionalString(a.lang);
  j["site_name"] = OptionalString(a.site_name);
  return j;
}

}  // namespace

int ExtractCommand(const Args& args) {
  CLI::App app(
      "Extract the article of each page and print it as JSON (one object per line).\n"
      "With --explain, print instead why each block of the page was kept or dropped: the\n"
      "candidates and their scores, the container chosen, and for every block its text\n"
      "length, link density and text density and the rule that decided (the scan's unlikely\n"
      "class/id names, the cleaner's conditional rules, the chrome pruner's phrase classes).",
      "gpalert extract");
  bool explain = false;
  std::string url;
  std::vector<std::string> headers;
  std::vector<std::string> inputs;
  app.add_option("--url", url, "page URL (base for links) when reading a file");
  app.add_option("--header", headers, "HTTP header of the page, 'Name: value' (repeatable)");
  app.add_flag("--explain", explain,
               "print why each block was kept or dropped (text) instead of the JSON");
  app.add_option("inputs", inputs, "HTML files or http(s) URLs")->required();
  std::vector<std::string> argv(args.rbegin(), args.rend());
  try {
    app.parse(argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  std::optional<std::string> content_type;
  for (const std::string& h : headers) {
    auto colon = h.find(':');
    if (colon == std::string::npos) {
      std::fprintf(stderr, "gpalert extract: --header \"%s\" is not 'Name: value'\n", h.c_str());
      return 2;
    }
    if (EqualsIgnoreCase(TrimAscii(std::string_view(h).substr(0, colon)), "content-type"))
      content_type = std::string(TrimAscii(std::string_view(h).substr(colon + 1)));
  }
  if (!url.empty() && inputs.size() > 1) {
    std::fputs("gpalert extract: --url applies to one input only\n", stderr);
    return 2;
  }
  int exit_code = 0;
  for (const std::string& input : inputs) {
    Result<InputBytes> page = LoadInput(input, content_type);
    if (!page.ok()) {
      std::fprintf(stderr, "gpalert extract: %s\n", page.status().message().c_str());
      exit_code = std::max(exit_code, page.status().ExitCode());
      continue;
    }
    ExtractOptions options;
    options.url = !url.empty() ? url : page->url;
    options.content_type = page->content_type;
    ExtractTrace trace;
    if (explain) options.trace = &trace;
    Result<Article> article = ExtractArticle(page->bytes, options);
    if (!article.ok()) {
      std::fprintf(stderr, "gpalert extract: %s: %s\n", input.c_str(),
                   article.status().message().c_str());
      exit_code = std::max(exit_code, article.status().ExitCode());
      continue;
    }
    for (const std::string& w : article->warnings)
      std::fprintf(stderr, "gpalert extract: %s: warning: %s\n", input.c_str(), w.c_str());
    std::string line;
    if (explain) {
      line = "page:      " + input + "\n";
      line += "title:     " + article->title.value_or("(none)") + "\n";
      line += "byline:    " + article->byline.value_or("(none)") + "\n";
      line += "published: " +
              (article->published ? FormatRfc3339(*article->published) : std::string("(none)")) +
              "\n";
      line += ExplainExtraction(trace) + "\n";
    } else {
      line = ArticleJson(*article).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      line += '\n';
    }
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fflush(stdout);
  }
  return exit_code;
}

}  // namespace gpalert
