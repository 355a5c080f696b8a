// HttpConnectionManager: owns every live connection of the HTTP endpoint, so the
// listener can refuse beyond HttpLimits::max_connections and close them all at shutdown.
// Network thread only.
#pragma once

#include <cstddef>
#include <memory>
#include <set>
#include <string>

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
  // Open connections from `client` (an address as HttpConnection::client() gives it).
  std::size_t CountFrom(const std::string& client) const;
  // The longest-open connection still waiting for its request, from `client` when
  // given, or from anyone; nullptr when every connection has sent its request.
  std::shared_ptr<HttpConnection> OldestWaiting(const std::string* client) const;

 private:
  std::set<std::shared_ptr<HttpConnection>> connections_;
};

}  // namespace gpalert
