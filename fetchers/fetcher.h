// Fetcher: the interface every stage uses to get bytes from the web.
// Implementations run transfers asynchronously on the network thread (the io_context
// they were built with) and call `done` on that thread. Tests use a fake.
#pragma once

#include <functional>

#include "fetchers/fetch_types.h"

namespace gpalert {

class Fetcher {
 public:
  using Callback = std::function<void(FetchResult)>;
  virtual ~Fetcher() = default;
  // Starts a transfer; `done` runs exactly once, on the network thread, even when the
  // fetcher is shut down first (with a FetchError::kOther "cancelled" result).
  virtual void Fetch(FetchRequest request, Callback done) = 0;
  // Cancels everything in flight (their callbacks still run once) and refuses new work.
  virtual void Shutdown() = 0;
};

}  // namespace gpalert
