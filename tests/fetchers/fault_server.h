// FaultServer: runs tests/support/fault_http_server.py (Debian's /usr/bin/python3) on
// an ephemeral 127.0.0.1 port for the life of the object, and reads its statistics.
// The server exits when this object closes its stdin or sends SIGTERM. Test thread only.
#pragma once

#include <sys/types.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace gpalert {

class FaultServer {
 public:
  // nullptr (with a gtest failure message in *error) when it cannot start. With `tls`,
  // it serves HTTPS with tests/data/fetchers/self_signed.{crt,key} (CN 127.0.0.1).
  static std::unique_ptr<FaultServer> Start(std::string* error, bool tls = false);
  FaultServer(const FaultServer&) = delete;
  FaultServer& operator=(const FaultServer&) = delete;
  ~FaultServer();

  int port() const { return port_; }
  // "http://127.0.0.1:PORT/path" (https with tls; or another loopback host).
  std::string Url(std::string_view path, std::string_view host = "127.0.0.1") const;
  // The server's /stats document (hits per path, max_active, not_modified, times).
  nlohmann::json Stats() const;
  void Reset() const;

 private:
  FaultServer() = default;
  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  int port_ = 0;
  bool tls_ = false;
};

// The self-signed certificate the TLS server presents (a PEM file path).
std::string SelfSignedCertPath();

// A 127.0.0.1 port that is bound but not listening: connecting to it is refused.
// Holds the socket until destroyed.
class RefusingPort {
 public:
  RefusingPort();
  ~RefusingPort();
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

}  // namespace gpalert
