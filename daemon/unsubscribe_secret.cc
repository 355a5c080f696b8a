#include "daemon/unsubscribe_secret.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <stdio.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace gpalert {
namespace {

// Closes a file descriptor on scope exit.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int Release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_;
};

std::string Errno() { return std::strerror(errno); }

Status RandomBytes(char* out, std::size_t n) {
  std::size_t got = 0;
  while (got < n) {
    ssize_t r = ::getrandom(out + got, n - got, 0);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) break;
    got += static_cast<std::size_t>(r);
  }
  if (got == n) return Status::Ok();
  // getrandom(2) is missing (old kernel or seccomp): fall back to the device.
  Fd dev(::open("/dev/urandom", O_RDONLY | O_CLOEXEC));
  if (dev.get() < 0) return Status::IoError("cannot read random bytes: /dev/urandom: " + Errno());
  got = 0;
  while (got < n) {
    ssize_t r = ::read(dev.get(), out + got, n - got);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return Status::IoError("cannot read random bytes: /dev/urandom: " + Errno());
    got += static_cast<std::size_t>(r);
  }
  return Status::Ok();
}

Result<std::string> ReadKey(const std::string& path) {
  auto unusable = [&](const std::string& why) {
    return Status::IoError(fmt::format(
        "{}: {}; gpalert needs it to sign unsubscribe links. Fix its permissions, or delete it "
        "to make a new key (links in digests already sent then stop working)",
        path, why));
  };
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (fd.get() < 0) return unusable("cannot open: " + Errno());
  std::string key(kMaxUnsubscribeKeyBytes + 1, '\0');
  std::size_t got = 0;
  while (got < key.size()) {
    ssize_t r = ::read(fd.get(), key.data() + got, key.size() - got);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return unusable("cannot read: " + Errno());
    if (r == 0) break;
    got += static_cast<std::size_t>(r);
  }
  if (got < kUnsubscribeKeyBytes)
    return unusable(
        fmt::format("holds {} bytes; a key is {} random bytes", got, kUnsubscribeKeyBytes));
  if (got > kMaxUnsubscribeKeyBytes)
    return unusable(fmt::format("is longer than {} bytes, so not a key", kMaxUnsubscribeKeyBytes));
  key.resize(got);
  return key;
}

// Writes a fresh key to a temporary file and renames it to `path` unless `path` exists.
// Returns OK when the key is in place (ours or one another process made first).
Status CreateKey(const std::string& dir, const std::string& path) {
  std::string key(kUnsubscribeKeyBytes, '\0');
  if (Status s = RandomBytes(key.data(), key.size()); !s.ok()) return s;
  std::string tmp = fmt::format("{}.tmp.{}", path, ::getpid());
  auto fail = [&](const std::string& what) {
    Status s = Status::IoError(
        fmt::format("{}: cannot {}: {} (make the state directory writable)", tmp, what, Errno()));
    ::unlink(tmp.c_str());
    return s;
  };
  {
    Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600));
    if (fd.get() < 0) return fail("create");
    if (::fchmod(fd.get(), 0600) != 0) return fail("set mode 0600");
    std::size_t put = 0;
    while (put < key.size()) {
      ssize_t w = ::write(fd.get(), key.data() + put, key.size() - put);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) return fail("write");
      put += static_cast<std::size_t>(w);
    }
    if (::fsync(fd.get()) != 0) return fail("sync");
    if (::close(fd.Release()) != 0) return fail("close");
  }
  if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE) != 0) {
    if (errno == EEXIST) {  // another process won the race: use its key
      ::unlink(tmp.c_str());
      return Status::Ok();
    }
    if (errno != EINVAL && errno != ENOSYS) return fail("rename into " + path);
    // A file system without RENAME_NOREPLACE: link(2) also refuses to replace.
    if (::link(tmp.c_str(), path.c_str()) != 0 && errno != EEXIST) return fail("link into " + path);
    ::unlink(tmp.c_str());
  }
  Fd dir_fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir_fd.get() >= 0) ::fsync(dir_fd.get());  // make the new name durable
  return Status::Ok();
}

}  // namespace

Result<std::optional<std::string>> ReadUnsubscribeSecret(const std::string& state_dir) {
  std::string path = (std::filesystem::path(state_dir) / kUnsubscribeKeyFile).string();
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno != ENOENT)
      return Status::IoError(
          fmt::format("{}: cannot check the unsubscribe key: {}", path, Errno()));
    return std::optional<std::string>();
  }
  Result<std::string> key = ReadKey(path);
  if (!key.ok()) return key.status();
  return std::optional<std::string>(std::move(key).value());
}

Result<std::string> LoadOrCreateUnsubscribeSecret(const std::string& state_dir) {
  Result<std::optional<std::string>> existing = ReadUnsubscribeSecret(state_dir);
  if (!existing.ok()) return existing.status();
  if (*existing) return **existing;
  std::string path = (std::filesystem::path(state_dir) / kUnsubscribeKeyFile).string();
  if (Status s = CreateKey(state_dir, path); !s.ok()) return s;
  return ReadKey(path);
}

Result<std::string> RandomHex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  Status s = RandomBytes(raw.data(), raw.size());
  if (!s.ok()) return s;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : raw) {
    hex += kHex[c >> 4];
    hex += kHex[c & 15];
  }
  return hex;
}

Result<std::string> LoadSigningKey(const std::string& state_dir, Store* store) {
  Result<std::string> local = LoadOrCreateUnsubscribeSecret(state_dir);
  if (!local.ok() || store == nullptr || !store->Shared()) return local;
  return store->AgreeOnSecret("unsubscribe", *local);
}

Result<std::optional<std::string>> ReadSigningKey(const std::string& state_dir, Store* store) {
  Result<std::optional<std::string>> local = ReadUnsubscribeSecret(state_dir);
  if (!local.ok() || !*local || store == nullptr || !store->Shared()) return local;
  Result<std::string> agreed = store->AgreeOnSecret("unsubscribe", **local);
  if (!agreed.ok()) return agreed.status();
  return std::optional<std::string>(std::move(agreed).value());
}

}  // namespace gpalert
