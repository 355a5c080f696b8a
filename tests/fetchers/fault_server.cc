#include "tests/fetchers/fault_server.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <cstring>

#include "fetchers/http_fetcher.h"

extern char** environ;

namespace gpalert {

std::string SelfSignedCertPath() {
  return std::string(GPALERT_TEST_DATA) + "/fetchers/self_signed.crt";
}

std::unique_ptr<FaultServer> FaultServer::Start(std::string* error, bool tls) {
  std::string tests_dir = GPALERT_TEST_DATA;  // ".../tests/data"
  tests_dir.resize(tests_dir.rfind('/'));
  std::string script = tests_dir + "/support/fault_http_server.py";
  int in_pipe[2], out_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) != 0 || pipe2(out_pipe, O_CLOEXEC) != 0) {
    *error = std::string("pipe: ") + std::strerror(errno);
    return nullptr;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  std::string python = "/usr/bin/python3";
  std::string tls_flag = "--tls", cert = SelfSignedCertPath(),
              key = std::string(GPALERT_TEST_DATA) + "/fetchers/self_signed.key";
  char* plain_argv[] = {python.data(), script.data(), nullptr};
  char* tls_argv[] = {python.data(), script.data(), tls_flag.data(),
                      cert.data(),   key.data(),    nullptr};
  char** argv = tls ? tls_argv : plain_argv;
  pid_t pid = -1;
  int rc = posix_spawn(&pid, python.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  close(in_pipe[0]);
  close(out_pipe[1]);
  if (rc != 0) {
    close(in_pipe[1]);
    close(out_pipe[0]);
    *error = "cannot start /usr/bin/python3 " + script + ": " + std::strerror(rc);
    return nullptr;
  }
  std::unique_ptr<FaultServer> server(new FaultServer());
  server->pid_ = pid;
  server->stdin_fd_ = in_pipe[1];
  server->tls_ = tls;
  std::string line;
  char c;
  while (read(out_pipe[0], &c, 1) == 1 && c != '\n') line += c;
  close(out_pipe[0]);
  server->port_ = std::atoi(line.c_str());
  if (server->port_ <= 0) {
    *error = "fault server printed no port (" + script + ")";
    return nullptr;
  }
  return server;
}

FaultServer::~FaultServer() {
  if (stdin_fd_ >= 0) close(stdin_fd_);
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
}

std::string FaultServer::Url(std::string_view path, std::string_view host) const {
  return fmt::format("{}://{}:{}{}", tls_ ? "https" : "http", host, port_, path);
}

nlohmann::json FaultServer::Stats() const {
  FetcherOptions options;
  options.obey_robots = false;
  FetchRequest request;
  request.url = Url("/stats");
  request.allow_private_network = true;
  FetchResult r = FetchBlocking(request, options);
  if (!r.ok()) return nlohmann::json::object();
  return nlohmann::json::parse(r.body, nullptr, false);
}

void FaultServer::Reset() const {
  FetcherOptions options;
  options.obey_robots = false;
  FetchRequest request;
  request.url = Url("/reset");
  request.allow_private_network = true;
  FetchBlocking(request, options);
}

RefusingPort::RefusingPort() {
  fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
}

RefusingPort::~RefusingPort() {
  if (fd_ >= 0) close(fd_);
}

}  // namespace gpalert
