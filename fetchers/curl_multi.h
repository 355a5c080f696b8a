// CurlMulti: one libcurl multi handle driven by a Boost.Asio io_context. It owns the
// CURLM*, the easy handles in flight, a record per socket curl asks to watch (the fd is
// wrapped in a non-owning posix::stream_descriptor) and one steady_timer for curl's
// timeouts. Every HTTP fetch rides it, sharing its connection pool and DNS cache
// (SMTP does not: alerts/mail/smtp_mailer.cc sends on the mail thread with an easy handle).
//
// Threads: everything (construction excepted) must run on the thread running the
// io_context, which is also where `done` callbacks run. Destroy it on that thread or
// after the io_context has stopped; pending handlers then do nothing.
#pragma once

#include <curl/curl.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstddef>
#include <functional>
#include <memory>
#include <unordered_map>

#include "fetchers/curl_easy.h"

namespace gpalert {

class CurlMulti {
 public:
  // Runs once per transfer, on the io thread, after curl finished it (or after Shutdown,
  // with CURLE_ABORTED_BY_CALLBACK). The handle is still configured, so CURLINFO_* can
  // be read; it is cleaned up when the callback returns.
  using Done = std::function<void(CURLcode, CurlEasy&)>;

  // `io` must outlive this object.
  explicit CurlMulti(boost::asio::io_context& io);
  CurlMulti(const CurlMulti&) = delete;
  CurlMulti& operator=(const CurlMulti&) = delete;
  ~CurlMulti();

  // The raw handle, for curl_multi_setopt (pipelining, connection caps). Do not add or
  // remove easy handles through it.
  CURLM* get() const { return multi_; }

  // Starts `easy` (already configured). `done` runs exactly once, never from inside Add.
  void Add(CurlEasy easy, Done done);

  // Stops every transfer: cancels socket waits and the timer, removes the easy handles
  // and runs their callbacks with CURLE_ABORTED_BY_CALLBACK. Later Adds fail the same way.
  void Shutdown();

  std::size_t in_flight() const { return transfers_.size(); }
  bool is_shut_down() const { return shut_down_; }

 private:
  struct Socket;
  struct Transfer {
    Done done;
    CurlEasy easy;  // declared last: cleaned up before `done` (and what it holds) goes
  };

  static int OnSocket(CURL* easy, curl_socket_t fd, int what, void* userp, void* socketp) noexcept;
  static int OnTimer(CURLM* multi, long timeout_ms, void* userp) noexcept;
  void WatchSocket(curl_socket_t fd, int what);
  void Arm(const std::shared_ptr<Socket>& socket);
  void OnSocketReady(const std::shared_ptr<Socket>& socket, int direction,
                     const boost::system::error_code& ec);
  void OnTimeout();
  // Collects finished transfers from curl_multi_info_read and runs their callbacks.
  void FinishDone();

  boost::asio::io_context& io_;
  CURLM* multi_;
  boost::asio::steady_timer timer_;
  std::unordered_map<curl_socket_t, std::shared_ptr<Socket>> sockets_;
  std::unordered_map<CURL*, Transfer> transfers_;
  bool shut_down_ = false;
  // Handlers hold a weak_ptr to this; once it expires they return untouched.
  std::shared_ptr<char> alive_ = std::make_shared<char>();
};

}  // namespace gpalert
