// HttpRequestHandler: what the HTTP endpoint's connections hand complete requests to.
// Handle() is called on the network thread and must not block it; it calls `reply`
// exactly once, from any thread (the connection posts the write back to its own thread).
#pragma once

#include <functional>

#include "daemon/http/http_request.h"
#include "daemon/http/http_response.h"

namespace gpalert {

class HttpRequestHandler {
 public:
  using Reply = std::function<void(HttpResponse)>;
  virtual ~HttpRequestHandler() = default;
  virtual void Handle(HttpRequest request, Reply reply) = 0;
};

}  // namespace gpalert
