#include "alerts/confirmation_mail.h"

#include <fmt/format.h>

#include "alerts/mail/mime_writer.h"

namespace gpalert {

Result<OutboxMessage> RenderConfirmationMail(const MailOptions& mail, const std::string& email,
                                             const std::string& confirm_url, Instant expires,
                                             Instant now, std::string_view nonce) {
  auto from = ParseMailbox(mail.from);
  if (!from.ok()) return from.status();
  auto to = ParseMailbox(email);
  if (!to.ok()) return to.status();
  std::string domain = from->address.substr(from->address.rfind('@') + 1);
  OutboxMessage m;
  m.subscriber = email;
  m.transactional = true;
  m.created = now;
  m.message_id = fmt::format("<confirm.{}.{}@{}>", now.time_since_epoch().count(), nonce, domain);
  std::string body = fmt::format(
      "Someone, probably you, asked to receive {} digests at {}.\n"
      "\n"
      "To confirm, open this link and press \"Confirm\":\n"
      "{}\n"
      "\n"
      "The link works until {}. If you did not ask for this, ignore this message:\n"
      "nothing will be sent to you.\n",
      from->name.empty() ? "GP alert" : from->name, email, confirm_url, FormatRfc5322Date(expires));
  m.bytes = FoldHeader("From", FormatAddress(*from, 6)) + FoldHeader("To", FormatAddress(*to, 4)) +
            FoldHeader("Subject", EncodeHeaderText("Confirm your subscription", 9)) +
            FoldHeader("Date", FormatRfc5322Date(now)) + FoldHeader("Message-ID", m.message_id) +
            "MIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n"
            "Auto-Submitted: auto-generated\r\n"
            "X-Auto-Response-Suppress: All\r\n"
            "\r\n" +
            EncodeQuotedPrintable(body);
  return m;
}

}  // namespace gpalert
