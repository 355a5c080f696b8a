#include "daemon/http/http_connection_manager.h"

#include "daemon/http/http_connection.h"

namespace gpalert {

void HttpConnectionManager::Start(std::shared_ptr<HttpConnection> connection) {
  connections_.insert(connection);
  connection->Start();
}

void HttpConnectionManager::Stop(const std::shared_ptr<HttpConnection>& connection) {
  if (connections_.erase(connection) > 0) connection->Stop();
}

std::size_t HttpConnectionManager::CountFrom(const std::string& client) const {
  std::size_t n = 0;
  for (const auto& c : connections_) n += c->client() == client;
  return n;
}

std::shared_ptr<HttpConnection> HttpConnectionManager::OldestWaiting(
    const std::string* client) const {
  std::shared_ptr<HttpConnection> oldest;
  for (const auto& c : connections_) {
    if (!c->waiting_for_request() || (client && c->client() != *client)) continue;
    if (!oldest || c->opened() < oldest->opened()) oldest = c;
  }
  return oldest;
}

void HttpConnectionManager::StopAll() {
  auto all = std::move(connections_);
  connections_.clear();
  for (const auto& c : all) c->Stop();
}

}  // namespace gpalert
