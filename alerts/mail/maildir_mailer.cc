#include "alerts/mail/maildir_mailer.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>

#include "alerts/mail/verp_address.h"

namespace gpalert {
namespace {

std::string Errno(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + std::strerror(errno);
}

// Maildir host part: '/' and ':' are reserved in file names there.
std::string SafeHostName() {
  char buf[256] = {0};
  if (gethostname(buf, sizeof buf - 1) != 0 || buf[0] == '\0') return "localhost";
  std::string host;
  for (const char* p = buf; *p != '\0'; ++p) {
    if (*p == '/')
      host += "\\057";
    else if (*p == ':')
      host += "\\072";
    else
      host += *p;
  }
  return host;
}

// Creates `path` 0700, and its missing parents (a state directory not made yet) 0750.
bool MakeDir(const std::string& path, std::string* error) {
  if (mkdir(path.c_str(), 0700) == 0 || errno == EEXIST) return true;
  if (errno == ENOENT) {
    std::error_code ec;
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (std::filesystem::create_directories(parent, ec))
      std::filesystem::permissions(parent, std::filesystem::perms(0750), ec);
    if (mkdir(path.c_str(), 0700) == 0 || errno == EEXIST) return true;
  }
  *error = Errno("cannot create directory", path) + "; check that the parent is writable";
  return false;
}

bool SyncDir(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = fsync(fd) == 0;
  close(fd);
  return ok;
}

// The message with CRLF (and stray CR) turned into LF.
std::string ToLfLineEnds(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (size_t i = 0; i < bytes.size(); ++i) {
    char c = bytes[i];
    if (c == '\r') {
      out += '\n';
      if (i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
    } else {
      out += c;
    }
  }
  return out;
}

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

}  // namespace

bool IsMaildir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  return fs::is_directory(fs::path(dir) / "new", ec) && fs::is_directory(fs::path(dir) / "cur", ec);
}

MaildirMailer::MaildirMailer(std::string dir, std::string bounce_address, std::string verp_secret)
    : dir_(std::move(dir)),
      host_(SafeHostName()),
      bounce_address_(std::move(bounce_address)),
      verp_secret_(std::move(verp_secret)) {}

std::string MaildirMailer::UniqueName() {
  timeval tv{};
  gettimeofday(&tv, nullptr);
  return std::to_string(tv.tv_sec) + ".M" + std::to_string(tv.tv_usec) + "P" +
         std::to_string(getpid()) + "Q" + std::to_string(++counter_) + "." + host_;
}

SendOutcome MaildirMailer::DoSend(const OutboxMessage& msg, const std::atomic<bool>* /*cancel*/) {
  // A local write: quick, so it is never cut short.
  std::string error;
  for (const char* sub : {"", "/tmp", "/new", "/cur"}) {
    if (!MakeDir(dir_ + sub, &error)) return SendOutcome::RetryLater(0, error);
  }
  // O_EXCL: a name clash (another process, same pid after restart) retries with a new name.
  std::string name;
  std::string tmp_path;
  int fd = -1;
  for (int tries = 0; tries < 5 && fd < 0; ++tries) {
    name = UniqueName();
    tmp_path = dir_ + "/tmp/" + name;
    fd = open(tmp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) return SendOutcome::RetryLater(0, Errno("cannot create", tmp_path));

  std::string body = ToLfLineEnds(msg.bytes);
  if (!bounce_address_.empty()) {
    body.insert(0, "Return-Path: <" +
                       VerpAddress(bounce_address_, verp_secret_, msg.subscriber, msg.id) + ">\n");
  }
  bool ok = WriteAll(fd, body);
  if (!ok) error = Errno("cannot write", tmp_path);
  if (ok && fsync(fd) != 0) {
    ok = false;
    error = Errno("cannot fsync", tmp_path);
  }
  if (close(fd) != 0 && ok) {
    ok = false;
    error = Errno("cannot close", tmp_path);
  }
  std::string new_path = dir_ + "/new/" + name;
  if (ok && rename(tmp_path.c_str(), new_path.c_str()) != 0) {
    ok = false;
    error = Errno("cannot move message into", new_path);
  }
  if (!ok) {
    unlink(tmp_path.c_str());
    return SendOutcome::RetryLater(0, error);
  }
  // Make the rename itself durable before the caller marks the row sent. The file is
  // visible already, so a failure here must not cause a second copy: report it only.
  if (!SyncDir(dir_ + "/new")) {
    return SendOutcome::Sent(0, "delivered to " + new_path + " (" +
                                    Errno("cannot fsync directory", dir_ + "/new") + ")");
  }
  return SendOutcome::Sent(0, "delivered to " + new_path);
}

}  // namespace gpalert
