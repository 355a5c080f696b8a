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

void HttpConnectionManager::StopAll() {
  auto all = std::move(connections_);
  connections_.clear();
  for (const auto& c : all) c->Stop();
}

}  // namespace gpalert
