#include "alerts/mail/test_message.h"

#include <fmt/format.h>

#include "alerts/mail/mime_writer.h"

namespace gpalert {

TestMessage RenderTestMessage(const Mailbox& from, const Mailbox& to, Instant now,
                              std::string_view nonce, std::string_view via) {
  std::string domain = from.address.substr(from.address.rfind('@') + 1);
  TestMessage m;
  m.message_id =
      fmt::format("<mail-test.{}.{}@{}>",
                  std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count(),
                  nonce, domain);
  std::string body = fmt::format(
      "This is a test message from gpalert, sent {} through {}.\n"
      "It checks that digests can reach {}. Nothing needs doing.\n",
      FormatRfc3339(now), via, to.address);
  m.bytes = FoldHeader("From", FormatAddress(from, 6)) + FoldHeader("To", FormatAddress(to, 4)) +
            FoldHeader("Subject", "gpalert mail test") +
            FoldHeader("Date", FormatRfc5322Date(now)) + FoldHeader("Message-ID", m.message_id) +
            "MIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n"
            "Auto-Submitted: auto-generated\r\n"
            "\r\n" +
            EncodeQuotedPrintable(body);
  return m;
}

}  // namespace gpalert
