// Extraction speed over a folder of pages, in one process: the bare Gumbo parse of
// each page (the floor: what any Gumbo-based extractor must pay), our HtmlDocument
// parse (prefilter + Gumbo + arena copy), and the whole ExtractArticle. Pages are read
// once into memory first. Run by bench/extract-bench, which adds Readability and
// prints ratios.
//   extract_bench --pages=LIST_FILE [google benchmark flags]
#include <benchmark/benchmark.h>
#include <gumbo.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "parsers/page/extract_article.h"
#include "parsers/page/html_document.h"
#include "parsers/text/html_charset.h"

namespace {

std::vector<std::string>& Pages() {
  static std::vector<std::string> pages;
  return pages;
}

size_t TotalBytes() {
  size_t n = 0;
  for (const auto& p : Pages()) n += p.size();
  return n;
}

void SetCounters(benchmark::State& state) {
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * Pages().size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
}

void BareGumboParse(benchmark::State& state) {
  for (auto _ : state) {
    for (const std::string& page : Pages()) {
      GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, page.data(), page.size());
      benchmark::DoNotOptimize(out->root);
      gumbo_destroy_output(&kGumboDefaultOptions, out);
    }
  }
  SetCounters(state);
}

void HtmlDocumentParse(benchmark::State& state) {
  for (auto _ : state) {
    for (const std::string& page : Pages()) {
      gpalert::DecodedHtml decoded = gpalert::DecodeHtml(page, std::nullopt);
      auto doc = gpalert::HtmlDocument::Parse(decoded.utf8);
      benchmark::DoNotOptimize(doc.ok());
    }
  }
  SetCounters(state);
}

void ExtractArticle(benchmark::State& state) {
  gpalert::ExtractOptions options;
  for (auto _ : state) {
    for (const std::string& page : Pages()) {
      auto article = gpalert::ExtractArticle(page, options);
      benchmark::DoNotOptimize(article.ok());
    }
  }
  SetCounters(state);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--pages=", 8) == 0) {
      std::ifstream list(argv[i] + 8);
      std::string path;
      while (std::getline(list, path)) {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
          std::fprintf(stderr, "extract_bench: cannot read %s\n", path.c_str());
          return 2;
        }
        Pages().emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      }
    } else {
      rest.push_back(argv[i]);
    }
  }
  if (Pages().empty()) {
    std::fputs("usage: extract_bench --pages=LIST_FILE [benchmark flags]\n", stderr);
    return 2;
  }
  int rest_argc = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_argc, rest.data());
  benchmark::RegisterBenchmark("BareGumboParse", BareGumboParse)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("HtmlDocumentParse", HtmlDocumentParse)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("ExtractArticle", ExtractArticle)->Unit(benchmark::kMillisecond);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
