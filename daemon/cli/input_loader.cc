#include "daemon/cli/input_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "common/url.h"
#include "fetchers/http_fetcher.h"
#include "fetchers/network_address.h"

namespace gpalert {

Result<InputBytes> LoadInput(const std::string& input, std::optional<std::string> content_type) {
  InputBytes page;
  page.content_type = std::move(content_type);
  if (IsHttpUrl(input)) {
    FetchRequest request;
    request.url = input;
    // Like a configured source: an address typed on the command line may be internal.
    request.allow_private_network = HostIsInternal(SplitUrl(input).host());
    FetcherOptions options;
    options.obey_robots = false;  // one page asked for by a person, not a crawl
    Result<FetchResult> fetched = FetchOnce(request, options);
    if (!fetched.ok()) return fetched.status();
    page.bytes = std::move(fetched->body);
    page.url = fetched->final_url.empty() ? input : fetched->final_url;
    if (!page.content_type) {
      if (const std::string* ct = fetched->Header("Content-Type")) page.content_type = *ct;
    }
    return page;
  }
  std::ifstream in(input, std::ios::binary);
  if (!in)
    return Status::InvalidArgument(fmt::format("{}: cannot open: {}", input, std::strerror(errno)));
  // Read at most kMaxFileBytes: the extractor cuts pages far below that anyway.
  constexpr std::size_t kMaxFileBytes = 64 << 20;
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  in.clear();  // a pipe cannot seek; read it from where it is
  if (size > 0) in.seekg(0, std::ios::beg);
  std::size_t want = size > 0 ? std::min<std::size_t>(static_cast<std::size_t>(size), kMaxFileBytes)
                              : kMaxFileBytes;  // not seekable (a pipe): read up to the cap
  page.bytes.resize(want);
  in.read(page.bytes.data(), static_cast<std::streamsize>(page.bytes.size()));
  if (in.bad()) return Status::InvalidArgument(fmt::format("{}: read error", input));
  page.bytes.resize(static_cast<std::size_t>(in.gcount()));
  return page;
}

}  // namespace gpalert
