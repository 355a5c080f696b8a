// LoadInput: the bytes of a page named on the command line, from a file or, for an
// http(s) URL, from the web (one blocking FetchOnce from fetchers/, with the daemon's
// address rules; robots.txt is for crawls, not for a page a person asks for).
// Used by `gpalert extract`; any thread.
#pragma once

#include <optional>
#include <string>

#include "common/status.h"

namespace gpalert {

struct InputBytes {
  std::string bytes;
  std::string url;                          // final URL for fetched pages, "" for files
  std::optional<std::string> content_type;  // from the response, or the caller's --header
};

// kInvalidArgument for a missing/unreadable file (exit 2), kNetwork for fetch failures.
// Files are read up to 64 MB.
Result<InputBytes> LoadInput(const std::string& input, std::optional<std::string> content_type);

}  // namespace gpalert
