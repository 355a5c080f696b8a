// `gpalert feed [--url URL] [--header 'Name: value']... FILE`: parses one fetched feed
// document and prints the JSON of docs/FEED_JSON.md. Exit 0 whenever FILE could be
// read (broken documents are reported in "warnings"), 2 on bad usage or an unreadable
// file.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "common/strings.h"
#include "daemon/cli/commands.h"
#include "parsers/feed/feed_json.h"
#include "parsers/feed/feed_parser.h"

namespace gpalert {
namespace {

// Reads at most `limit` bytes of `path`; false with *error set when it cannot.
bool ReadFilePrefix(const std::string& path, size_t limit, std::string* out, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot open " + path + ": " + std::strerror(errno);
    return false;
  }
  out->clear();
  char buf[1 << 16];
  while (out->size() < limit) {
    in.read(buf, static_cast<std::streamsize>(std::min(sizeof buf, limit - out->size())));
    if (in.gcount() <= 0) break;
    out->append(buf, static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) {
    *error = "cannot read " + path + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

}  // namespace

int FeedCommand(const Args& args) {
  CLI::App app{"Parse one fetched feed document and print it as JSON (docs/FEED_JSON.md).",
               "gpalert feed"};
  std::string url, file;
  std::vector<std::string> headers;
  app.add_option("--url", url, "URL the document was fetched from (after redirects)");
  app.add_option("--header", headers, "an HTTP response header 'Name: value' (repeatable)")
      ->take_all()
      ->allow_extra_args(false);
  app.add_option("FILE", file, "the document as fetched (raw bytes)")->required();
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }

  FeedParseOptions options;
  options.url = std::string(TrimAscii(url));
  for (const auto& h : headers) {
    auto colon = h.find(':');
    if (colon == std::string::npos || TrimAscii(h.substr(0, colon)).empty()) {
      std::cerr << "gpalert feed: --header \"" << h << "\" is not 'Name: value'\n";
      return 2;
    }
    std::string name = AsciiLower(TrimAscii(h.substr(0, colon)));
    std::string value(TrimAscii(h.substr(colon + 1)));
    if (name == "content-type")
      options.content_type = value;
    else if (name == "content-location")
      options.content_location = value;
    else if (name == "content-language")
      options.content_language = value;
  }

  std::string bytes, error;
  if (!ReadFilePrefix(file, options.max_bytes + 1, &bytes, &error)) {
    std::cerr << "gpalert feed: " << error << "\n";
    return 2;
  }
  ParsedFeed feed = ParseFeed(bytes, options);
  std::string out = FeedToJsonText(feed);
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fputc('\n', stdout);
  return 0;
}

}  // namespace gpalert
