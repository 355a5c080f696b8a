// HttpConnectionManager: owns every live connection of the HTTP endpoint, so the
// listener can refuse beyond HttpLimits::max_connections and close them all at shutdown.
// Network thread only.
#pragma once

#include <cstddef>
#include <memory>
#include <set>

namespace gpalert {

class HttpConnection;

class HttpConnectionManager {
 public:
  HttpConnectionManager() = default;
  HttpConnectionManager(const HttpConnectionManager&) = delete;
  HttpConnectionManager& operator=(const HttpConnectionManager&) = delete;

  void Start(std::shared_ptr<HttpConnection> connection);
  void Stop(const std::shared_ptr<HttpConnection>& connection);
  void StopAll();
  std::size_t size() const { return connections_.size(); }

 private:
  std::set<std::shared_ptr<HttpConnection>> connections_;
};

}  // namespace gpalert
