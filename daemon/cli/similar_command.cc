// `gpalert similar [--config F] A B [C D ...]`: takes the pages in pairs and prints one
// JSON line per pair — {"a", "b", "similarity", "duplicate", "rule"} — computed with the
// daemon's own extraction (ExtractArticle, MergeExtractedArticle, ToNewArticle),
// fingerprint and identity rule (DecideIdentity) at the configured threshold. A page that
// cannot be read or extracted gives its pair an "error". For tuning [dedup] threshold and
// for answering "why was this merged?".
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "alerts/dedup/identity.h"
#include "daemon/article_record.h"
#include "daemon/cli/command_line.h"
#include "daemon/cli/commands.h"
#include "daemon/cli/input_loader.h"
#include "daemon/source_poll.h"
#include "parsers/item/poll_item.h"
#include "parsers/page/extract_article.h"

namespace gpalert {
namespace {

using OrderedJson = nlohmann::ordered_json;

struct Page {
  std::string title;
  std::optional<Fingerprint> fingerprint;
  int words = 0;
};

// What the store would fingerprint for this page, read as a `type = "page"` source's
// article: the extracted title and text, as the poll merges them into its item.
Result<Page> ReadPage(const std::string& path, const DaemonOptions& daemon) {
  Result<InputBytes> input = LoadInput(path, std::nullopt);
  if (!input.ok()) return input.status();
  if (input->bytes.size() > daemon.max_body) {
    // The daemon's fetch refuses such a page: no verdict it would never reach.
    return Status::InvalidArgument(
        fmt::format("{}: over [daemon] max_body ({} bytes): the daemon does not read a page "
                    "this large",
                    path, daemon.max_body));
  }
  ExtractOptions options;
  options.limits = PageLimitsFor(daemon);
  options.url = input->url;
  options.content_type = input->content_type;
  Result<Article> article = ExtractArticle(input->bytes, options);
  if (!article.ok()) return article.status();
  PollItem item;
  item.url = input->url.empty() ? "file:" + path : input->url;
  MergeExtractedArticle(*article, &item);
  SourceConfig source;
  source.name = "similar";
  NewArticle n = ToNewArticle(item, source, true);
  Page page;
  page.title = n.title;
  page.fingerprint = FingerprintArticle(n.title, n.text);
  page.words = static_cast<int>(CountFingerprintWords(n.text));
  return page;
}

OrderedJson PairJson(const std::string& a, const std::string& b, const Result<Page>& pa,
                     const Result<Page>& pb, const IdentityOptions& options) {
  OrderedJson j;
  j["a"] = a;
  j["b"] = b;
  if (!pa.ok() || !pb.ok()) {
    // Each page that failed, named (a reason from the extractor does not say which).
    std::string error;
    for (const auto& [path, page] : {std::pair{&a, &pa}, std::pair{&b, &pb}}) {
      if (page->ok()) continue;
      const std::string& why = page->status().message();
      if (!error.empty()) error += "; ";
      error += why.starts_with(*path) ? why : *path + ": " + why;
    }
    j["error"] = error;
    return j;
  }
  if (!pa->fingerprint || !pb->fingerprint) {
    j["similarity"] = 0.0;
    j["duplicate"] = false;
    j["rule"] = MatchRuleName(MatchRule::kNew);
    j["note"] = fmt::format("{} has {} words, fewer than the {} a fingerprint needs",
                            !pa->fingerprint ? a : b, !pa->fingerprint ? pa->words : pb->words,
                            kMinFingerprintWords);
    return j;
  }
  // The evidence the store would gather for `a` with `b` stored (from another source).
  TextCandidate stored{1, *pb->fingerprint, pb->title, false};
  IdentityEvidence evidence;
  if (pa->fingerprint->content_hash == pb->fingerprint->content_hash)
    evidence.by_content_hash.push_back(stored);
  evidence.near.push_back(stored);
  IdentityVerdict verdict =
      DecideIdentity(IdentityItem{pa->title, pa->fingerprint}, evidence, options);
  double similarity = Similarity(*pa->fingerprint, *pb->fingerprint);
  j["similarity"] = std::round(similarity * 1000) / 1000;
  j["duplicate"] = verdict.rule != MatchRule::kNew;
  j["rule"] = MatchRuleName(verdict.rule);
  return j;
}

}  // namespace

int SimilarCommand(const Args& args) {
  CLI::App app(
      "Compare pages in pairs as the daemon's duplicate detection does; one JSON line per pair.",
      "gpalert similar");
  std::vector<std::string> inputs;
  std::optional<std::string> config_path;
  app.add_option("--config", config_path, "take [dedup] threshold from this config");
  app.add_option("pages", inputs, "HTML files or http(s) URLs, taken in pairs")->required();
  std::vector<std::string> argv(args.rbegin(), args.rend());
  try {
    app.parse(argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (inputs.size() % 2 != 0) {
    std::fprintf(stderr, "gpalert similar: %zu pages given; they are taken in pairs (A B ...)\n",
                 inputs.size());
    return 2;
  }
  IdentityOptions options;
  DaemonOptions daemon;  // the page limits: the configured ones with --config
  if (config_path) {
    Result<Config> config = LoadConfig(*config_path);
    if (!config.ok()) {
      std::fprintf(stderr, "gpalert similar: %s\n", config.status().message().c_str());
      return 2;
    }
    options = config->dedup;
    daemon = config->daemon;
  }
  int exit_code = 0;
  for (std::size_t i = 0; i + 1 < inputs.size(); i += 2) {
    Result<Page> a = ReadPage(inputs[i], daemon);
    Result<Page> b = ReadPage(inputs[i + 1], daemon);
    if (!a.ok() || !b.ok()) exit_code = 1;
    std::string line = PairJson(inputs[i], inputs[i + 1], a, b, options)
                           .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fflush(stdout);
  }
  return exit_code;
}

}  // namespace gpalert
