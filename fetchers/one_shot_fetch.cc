#include "fetchers/one_shot_fetch.h"

#include <fmt/format.h>

#include "common/strings.h"
#include "common/url.h"
#include "fetchers/http_fetcher.h"
#include "fetchers/network_address.h"

namespace gpalert {

Result<FetchResult> FetchOnce(std::string_view url, const OneShotFetchOptions& options) {
  std::string u(TrimAscii(url));
  if (!IsHttpUrl(u))
    return Status::InvalidArgument(fmt::format("{}: only http and https URLs can be fetched", u));
  FetchRequest request;
  request.url = u;
  request.timeout = options.timeout;
  request.max_body = options.max_body;
  request.extra_headers = options.headers;
  // The admin typed this URL: its own host may be internal; redirects elsewhere may not.
  request.allow_private_network = HostIsInternal(SplitUrl(u).host());
  FetcherOptions fetcher;
  fetcher.user_agent = options.user_agent;
  fetcher.max_redirects = static_cast<int>(options.max_redirects);
  fetcher.obey_robots = false;  // one fetch asked for by a person, not a crawl
  FetchResult result = FetchBlocking(request, fetcher);
  if (result.error == FetchError::kNone || result.error == FetchError::kHttpStatus) return result;
  return Status::Network(fmt::format("{}: {}", u, result.message));
}

}  // namespace gpalert
