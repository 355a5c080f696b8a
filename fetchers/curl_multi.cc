#include "fetchers/curl_multi.h"

#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <utility>
#include <vector>

namespace gpalert {

namespace asio = boost::asio;

// What curl asked us to watch on one fd. Kept alive by pending waits after curl said
// CURL_POLL_REMOVE (then `dead` is set and the descriptor released, never closed).
struct CurlMulti::Socket {
  Socket(asio::io_context& io, curl_socket_t fd) : fd(fd), descriptor(io, fd) {}
  ~Socket() {
    if (descriptor.is_open()) descriptor.release();
  }
  curl_socket_t fd;
  asio::posix::stream_descriptor descriptor;
  int wanted = 0;        // CURL_POLL_IN / _OUT / _INOUT
  bool reading = false;  // an async_wait(wait_read) is pending
  bool writing = false;
  bool dead = false;
};

CurlMulti::CurlMulti(asio::io_context& io) : io_(io), multi_(curl_multi_init()), timer_(io) {
  curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &CurlMulti::OnSocket);
  curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
  curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &CurlMulti::OnTimer);
  curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
}

CurlMulti::~CurlMulti() {
  Shutdown();
  alive_.reset();
  curl_multi_cleanup(multi_);
}

void CurlMulti::Add(CurlEasy easy, Done done) {
  if (shut_down_ || multi_ == nullptr) {
    auto owned = std::make_shared<CurlEasy>(std::move(easy));
    asio::post(io_, [owned, done = std::move(done)] { done(CURLE_ABORTED_BY_CALLBACK, *owned); });
    return;
  }
  CURL* raw = easy.get();
  auto [it, inserted] = transfers_.emplace(raw, Transfer{std::move(done), std::move(easy)});
  CURLMcode rc = curl_multi_add_handle(multi_, raw);
  if (rc != CURLM_OK) {
    // Report through the io_context so `done` never runs inside Add.
    auto owned = std::make_shared<Transfer>(std::move(it->second));
    transfers_.erase(it);
    asio::post(io_, [owned] { owned->done(CURLE_FAILED_INIT, owned->easy); });
  }
}

void CurlMulti::Shutdown() {
  if (shut_down_) return;
  shut_down_ = true;
  timer_.cancel();
  for (auto& [fd, socket] : sockets_) {
    socket->dead = true;
    socket->descriptor.release();  // cancels its waits; curl closes the fd itself
  }
  sockets_.clear();
  std::unordered_map<CURL*, Transfer> transfers = std::move(transfers_);
  transfers_.clear();
  for (auto& [raw, transfer] : transfers) curl_multi_remove_handle(multi_, raw);
  for (auto& [raw, transfer] : transfers) transfer.done(CURLE_ABORTED_BY_CALLBACK, transfer.easy);
}

int CurlMulti::OnSocket(CURL*, curl_socket_t fd, int what, void* userp, void*) noexcept {
  // A C callback: no exception may unwind through libcurl.
  try {
    static_cast<CurlMulti*>(userp)->WatchSocket(fd, what);
    return 0;
  } catch (...) {
    return -1;
  }
}

void CurlMulti::WatchSocket(curl_socket_t fd, int what) {
  // Called from inside curl: only bookkeeping and Asio calls here, never curl.
  if (what == CURL_POLL_REMOVE || shut_down_) {
    auto it = sockets_.find(fd);
    if (it == sockets_.end()) return;
    it->second->dead = true;
    it->second->descriptor.release();
    sockets_.erase(it);
    return;
  }
  std::shared_ptr<Socket>& socket = sockets_[fd];
  if (!socket) socket = std::make_shared<Socket>(io_, fd);
  socket->wanted = what;
  Arm(socket);
}

void CurlMulti::Arm(const std::shared_ptr<Socket>& socket) {
  std::weak_ptr<char> alive = alive_;
  if ((socket->wanted & CURL_POLL_IN) && !socket->reading) {
    socket->reading = true;
    socket->descriptor.async_wait(asio::posix::stream_descriptor::wait_read,
                                  [this, alive, socket](const boost::system::error_code& ec) {
                                    socket->reading = false;
                                    if (alive.expired()) return;
                                    OnSocketReady(socket, CURL_CSELECT_IN, ec);
                                  });
  }
  if ((socket->wanted & CURL_POLL_OUT) && !socket->writing) {
    socket->writing = true;
    socket->descriptor.async_wait(asio::posix::stream_descriptor::wait_write,
                                  [this, alive, socket](const boost::system::error_code& ec) {
                                    socket->writing = false;
                                    if (alive.expired()) return;
                                    OnSocketReady(socket, CURL_CSELECT_OUT, ec);
                                  });
  }
}

void CurlMulti::OnSocketReady(const std::shared_ptr<Socket>& socket, int direction,
                              const boost::system::error_code& ec) {
  if (ec == asio::error::operation_aborted || socket->dead || shut_down_) return;
  int wanted_bit = direction == CURL_CSELECT_IN ? CURL_POLL_IN : CURL_POLL_OUT;
  if (socket->wanted & wanted_bit) {
    int running = 0;
    curl_multi_socket_action(multi_, socket->fd, ec ? CURL_CSELECT_ERR : direction, &running);
    FinishDone();
  }
  if (!socket->dead && !shut_down_) Arm(socket);
}

int CurlMulti::OnTimer(CURLM*, long timeout_ms, void* userp) noexcept {
  // A C callback: no exception may unwind through libcurl.
  try {
    // Called from inside curl: only re-arm the timer (0 ms included: curl uses it to
    // resume paused transfers and to start new ones).
    auto* self = static_cast<CurlMulti*>(userp);
    if (timeout_ms < 0 || self->shut_down_) {
      self->timer_.cancel();
      return 0;
    }
    self->timer_.expires_after(std::chrono::milliseconds(timeout_ms));
    std::weak_ptr<char> alive = self->alive_;
    self->timer_.async_wait([self, alive](const boost::system::error_code& ec) {
      if (ec == asio::error::operation_aborted || alive.expired()) return;
      self->OnTimeout();
    });
    return 0;
  } catch (...) {
    return -1;
  }
}

void CurlMulti::OnTimeout() {
  if (shut_down_) return;
  int running = 0;
  curl_multi_socket_action(multi_, CURL_SOCKET_TIMEOUT, 0, &running);
  FinishDone();
}

void CurlMulti::FinishDone() {
  std::vector<std::pair<CURL*, CURLcode>> finished;
  int left = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
    if (msg->msg == CURLMSG_DONE) finished.emplace_back(msg->easy_handle, msg->data.result);
  }
  for (auto [raw, code] : finished) {
    auto it = transfers_.find(raw);
    if (it == transfers_.end()) continue;
    curl_multi_remove_handle(multi_, raw);
    Transfer transfer = std::move(it->second);
    transfers_.erase(it);
    transfer.done(code, transfer.easy);  // may Add more transfers or Shutdown
    if (shut_down_) return;              // Shutdown already handled the rest
  }
}

}  // namespace gpalert
