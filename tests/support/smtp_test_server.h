// SmtpTestServer: runs tests/support/smtp_server.py (aiosmtpd, via /usr/bin/python3) on an
// ephemeral 127.0.0.1 port for one test and stops it (SIGTERM) when destroyed. Reads back
// what the server saved: received messages and the reply given to each transaction.
// Header-only test helper; one thread.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace gpalert::testing {

class SmtpTestServer {
 public:
  // `dir` is a scratch directory owned by the test; `extra_args` are passed to the script
  // (e.g. {"--fail-first", "1", "--fail-code", "451"}).
  SmtpTestServer(const std::string& dir, std::vector<std::string> extra_args = {})
      : out_dir_(dir + "/smtp-out"), port_file_(dir + "/smtp-port") {
    std::vector<std::string> args = {"/usr/bin/python3", ScriptPath(), "--port-file",
                                     port_file_,         "--out-dir",  out_dir_};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    pid_ = fork();
    if (pid_ == 0) {
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    // Bounded wait for the port file (the script writes it once it is listening).
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (pid_ > 0 && std::chrono::steady_clock::now() < deadline) {
      std::ifstream in(port_file_);
      if (in >> port_ && port_ > 0) return;
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  ~SmtpTestServer() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    for (int i = 0; i < 250; ++i) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  SmtpTestServer(const SmtpTestServer&) = delete;
  SmtpTestServer& operator=(const SmtpTestServer&) = delete;

  // tests/data is GPALERT_TEST_DATA; the script sits beside it in tests/support.
  static std::string ScriptPath() {
    std::string data = GPALERT_TEST_DATA;
    return data.substr(0, data.rfind('/')) + "/support/smtp_server.py";
  }

  bool running() const { return pid_ > 0 && port_ > 0; }
  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

  // Bytes of every accepted message, in arrival order.
  std::vector<std::string> Messages() const { return ReadAll(".eml"); }
  // The JSON envelope of every accepted message, in arrival order.
  std::vector<std::string> Envelopes() const { return ReadAll(".json"); }
  // One JSON line per transaction: {"n", "rcpt_tos", "reply"}.
  std::vector<std::string> Transactions() const {
    std::vector<std::string> lines;
    std::ifstream in(out_dir_ + "/transactions.log");
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }

 private:
  std::vector<std::string> ReadAll(const std::string& ext) const {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(out_dir_, ec)) {
      if (e.path().extension() == ext) names.push_back(e.path().string());
    }
    std::sort(names.begin(), names.end());
    std::vector<std::string> out;
    for (const std::string& n : names) {
      std::ifstream in(n, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      out.push_back(ss.str());
    }
    return out;
  }

  std::string out_dir_;
  std::string port_file_;
  pid_t pid_ = -1;
  int port_ = 0;
};

// A loopback port with nothing listening on it (bound, then released), for "server down".
inline int UnusedLoopbackPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

}  // namespace gpalert::testing
