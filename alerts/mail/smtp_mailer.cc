#include "alerts/mail/smtp_mailer.h"

#include "alerts/mail/verp_address.h"

#include <curl/curl.h>

#include <cstring>
#include <string>
#include <vector>

#include "common/fault_point.h"
#include "common/strings.h"
#include "fetchers/curl_easy.h"

namespace gpalert {
namespace {

struct Upload {
  std::string_view data;
  size_t pos = 0;
};

size_t ReadChunk(char* buffer, size_t size, size_t nitems, void* userdata) noexcept {
  // A C callback: no exception may unwind through libcurl.
  try {
    auto* up = static_cast<Upload*>(userdata);
    size_t n = std::min(size * nitems, up->data.size() - up->pos);
    std::memcpy(buffer, up->data.data() + up->pos, n);
    up->pos += n;
    if (n > 0) FaultPoint("during-smtp-data");  // DATA begun, its end not yet acknowledged
    return n;
  } catch (...) {
    return CURL_READFUNC_ABORT;
  }
}

// Collects the server's replies from curl's debug stream (continuation lines joined by
// spaces), so the caller can quote the reply behind a failure.
struct ReplyLog {
  std::string pending_line;
  std::string current;
  std::vector<std::string> replies;

  // The latest reply with this code ("550 5.1.1 ..."); curl's QUIT after a failure means
  // the latest reply of all is usually "221 Bye".
  std::string LastWithCode(long code) const {
    std::string prefix = std::to_string(code);
    for (auto it = replies.rbegin(); it != replies.rend(); ++it) {
      if (it->compare(0, prefix.size(), prefix) == 0) return *it;
    }
    return prefix;
  }

  void Feed(std::string_view text) {
    for (char c : text) {
      if (c == '\n') {
        EndLine();
      } else if (c != '\r') {
        pending_line += c;
      }
    }
  }
  void EndLine() {
    std::string line = std::move(pending_line);
    pending_line.clear();
    if (!current.empty()) current += ' ';
    current += line;
    // "250-..." continues a reply; "250 ..." or "250" ends it.
    if (line.size() < 4 || line[3] != '-') {
      replies.push_back(std::move(current));
      current.clear();
    }
  }
};

int OnDebug(CURL*, curl_infotype type, char* data, size_t size, void* userdata) noexcept {
  // A C callback: no exception may unwind through libcurl.
  try {
    if (type == CURLINFO_HEADER_IN)
      static_cast<ReplyLog*>(userdata)->Feed(std::string_view(data, size));
    return 0;
  } catch (...) {
    return 0;
  }
}

std::string Bracketed(std::string_view address) { return "<" + std::string(address) + ">"; }

long UseSslLevel(StartTls starttls) {
  switch (starttls) {
    case StartTls::kRequired:
      return CURLUSESSL_ALL;
    case StartTls::kOpportunistic:
      return CURLUSESSL_TRY;
    case StartTls::kOff:
      return CURLUSESSL_NONE;
  }
  return CURLUSESSL_TRY;
}

}  // namespace

std::string NormalizeSmtpLineEnds(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 32 + 2);
  for (size_t i = 0; i < bytes.size(); ++i) {
    char c = bytes[i];
    if (c == '\r') {
      out += "\r\n";
      if (i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
    } else if (c == '\n') {
      out += "\r\n";
    } else {
      out += c;
    }
  }
  if (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0) out += "\r\n";
  return out;
}

std::string EnvelopeAddress(std::string_view from) {
  size_t open = from.rfind('<');
  size_t close = from.rfind('>');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open) {
    return std::string(TrimAscii(from.substr(open + 1, close - open - 1)));
  }
  return std::string(TrimAscii(from));
}

bool IsSafeEnvelopeAddress(std::string_view address) {
  if (address.empty() || address.size() > 320) return false;
  for (unsigned char c : address) {
    if (c <= 0x20 || c == 0x7f || c == '<' || c == '>') return false;
  }
  return true;
}

namespace {

// A refusal for the message's size: 552 (RFC 5321: exceeded storage allocation) unless its
// enhanced code says the mailbox is full (5.2.2), or any 5xx with 5.3.4 (message too big)
// or 5.2.3 (length over the administrative limit).
bool IsSizeRefusal(int code, const std::string& reply) {
  if (reply.find("5.3.4") != std::string::npos || reply.find("5.2.3") != std::string::npos)
    return true;
  return code == 552 && reply.find("5.2.2") == std::string::npos;
}

// libcurl calls this about once a second while a transfer runs or waits for a reply
// (the wait for the answer to the final "." included): non-zero aborts the send.
int OnProgress(void* cancel, curl_off_t, curl_off_t, curl_off_t, curl_off_t) noexcept {
  auto* flag = static_cast<const std::atomic<bool>*>(cancel);
  return flag != nullptr && flag->load() ? 1 : 0;
}

}  // namespace

SendOutcome SmtpMailer::DoSend(const OutboxMessage& msg, const std::atomic<bool>* cancel) {
  if (!IsSafeEnvelopeAddress(msg.subscriber)) {
    return SendOutcome::Permanent(
        0, "refusing to send to unsafe recipient address \"" + msg.subscriber + "\"");
  }
  Result<CurlEasy> easy = CurlEasy::Create();
  if (!easy.ok()) return SendOutcome::RetryLater(0, easy.status().message());
  CURL* h = easy->get();

  std::string body = NormalizeSmtpLineEnds(msg.bytes);
  Upload upload{body, 0};
  ReplyLog replies;
  std::string from = Bracketed(
      options_.bounce_address.empty()
          ? options_.envelope_from
          : VerpAddress(options_.bounce_address, options_.verp_secret, msg.subscriber, msg.id));
  CurlSlist rcpt;  // one recipient per transaction
  if (!rcpt.Append(Bracketed(msg.subscriber))) {
    return SendOutcome::RetryLater(0, "curl_slist_append failed (out of memory?)");
  }

  curl_easy_setopt(h, CURLOPT_URL, options_.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, easy->Own(std::move(rcpt)));
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, ReadChunk);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(h, CURLOPT_USE_SSL, UseSslLevel(options_.starttls));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(options_.timeout.count()));
  // libcurl 7.88 waits for the reply to the final "." (and to QUIT) outside CURLOPT_TIMEOUT,
  // for up to its server response timeout (120 s by default, per command): bound it too.
  curl_easy_setopt(h, CURLOPT_SERVER_RESPONSE_TIMEOUT, static_cast<long>(options_.timeout.count()));
  // The debug stream is the only place libcurl shows the server's reply text.
  curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
  curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, OnDebug);
  curl_easy_setopt(h, CURLOPT_DEBUGDATA, &replies);
  if (options_.ca_file) curl_easy_setopt(h, CURLOPT_CAINFO, options_.ca_file->c_str());
  // The connection closes (QUIT) inside curl_easy_perform, under this handle's timeouts
  // and cancel callback, not later in curl_easy_cleanup, whose internal handle has neither
  // and would wait the server response timeout for the QUIT reply of a stalled server.
  curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L);
  if (cancel != nullptr) {
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, OnProgress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(cancel));
  }
  if (options_.username) {
    curl_easy_setopt(h, CURLOPT_USERNAME, options_.username->c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, options_.password.c_str());
  }

  CURLcode rc = curl_easy_perform(h);
  long code = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
  std::string reply = replies.LastWithCode(code);
  std::string where = options_.url + " for " + msg.subscriber;
  int icode = static_cast<int>(code);
  if (rc == CURLE_OK) return SendOutcome::Sent(icode, reply);
  if (rc == CURLE_ABORTED_BY_CALLBACK) {
    return SendOutcome::Cancelled("stopped by shutdown before the server confirmed it (" + where +
                                  ")");
  }

  std::string curl_error =
      easy->error_detail()[0] != '\0' ? easy->error_detail() : curl_easy_strerror(rc);
  if (code >= 400 && code < 500) {
    return SendOutcome::RetryLater(icode, reply + " (" + where + ")");
  }
  if (code >= 500 && code < 600) {
    // A refused login, missing AUTH or STARTTLS is the configuration's fault, not this
    // message's: keep the message and let the admin fix the settings.
    // 530: authentication or STARTTLS required; 534/535: login refused; 538: AUTH needs TLS.
    if (rc == CURLE_LOGIN_DENIED || code == 530 || code == 534 || code == 535 || code == 538) {
      return SendOutcome::RetryLater(icode, reply + " (" + where +
                                                "; check mail.username, mail.password_file "
                                                "and mail.starttls)");
    }
    if (rc == CURLE_USE_SSL_FAILED) {
      return SendOutcome::RetryLater(icode, reply + " (" + where +
                                                "; the server refused "
                                                "STARTTLS, see mail.starttls)");
    }
    if (IsSizeRefusal(icode, reply)) return SendOutcome::TooBig(icode, reply + " (" + where + ")");
    return SendOutcome::Permanent(icode, reply + " (" + where + ")");
  }
  if (rc == CURLE_USE_SSL_FAILED) {
    return SendOutcome::RetryLater(icode, curl_error + " (" + where +
                                              "; mail.starttls = "
                                              "\"required\" but the server offers no STARTTLS)");
  }
  // No usable reply: connect refused, DNS, TLS or timeout. A reply code of 0 marks the
  // server as unreachable for the caller.
  int reached = (code > 0 && rc != CURLE_COULDNT_CONNECT) ? icode : 0;
  return SendOutcome::RetryLater(reached, curl_error + " (" + where + ")");
}

}  // namespace gpalert
