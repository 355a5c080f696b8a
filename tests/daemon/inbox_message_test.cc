#include "daemon/inbox_message.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

constexpr const char* kDsn =
    "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r\n"
    "To: bounces@example.org\r\n"
    "Subject: Undelivered Mail Returned to Sender\r\n"
    "Content-Type: multipart/report; report-type=delivery-status;\r\n"
    "\tboundary=\"B\"\r\n"
    "\r\n"
    "--B\r\nContent-Type: text/plain\r\n\r\nI'm sorry.\r\n"
    "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
    "Reporting-MTA: dns; mx.example.net\r\n\r\n"
    "Final-Recipient: rfc822; gone@example.com\r\n"
    "Original-Recipient: rfc822;gone@example.com\r\n"
    "Action: failed\r\n"
    "Status: 5.1.1\r\n"
    "Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n\r\n"
    "Final-Recipient: rfc822; full@example.com\r\n"
    "Action: delayed\r\n"
    "Status: 4.2.2\r\n\r\n"
    "Final-Recipient: rfc822; fine@example.com\r\n"
    "Action: delivered\r\n"
    "Status: 2.0.0\r\n"
    "--B--\r\n";

TEST(InboxMessageTest, ReadsTheFailedAndDelayedRecipientsOfADsn) {
  InboxMessage m = ReadInboxMessage(kDsn);
  ASSERT_EQ(m.kind, InboxMessage::Kind::kBounce);
  ASSERT_EQ(m.bounced.size(), 2u);
  EXPECT_EQ(m.bounced[0].email, "gone@example.com");
  EXPECT_EQ(m.bounced[0].status, "5.1.1");
  EXPECT_TRUE(m.bounced[0].hard);
  EXPECT_EQ(m.bounced[1].email, "full@example.com");
  EXPECT_FALSE(m.bounced[1].hard);
}

TEST(InboxMessageTest, ReadsAPlainTextBounceFromTheMailerDaemon) {
  InboxMessage m = ReadInboxMessage(
      "From: MAILER-DAEMON@mx.example.net\nSubject: failure notice\n\n"
      "Sorry, we were unable to deliver your message.\n\n"
      "Final-Recipient: RFC822; <Old.Reader@example.com>\nAction: failed\n");
  ASSERT_EQ(m.kind, InboxMessage::Kind::kBounce);
  ASSERT_EQ(m.bounced.size(), 1u);
  EXPECT_EQ(m.bounced[0].email, "Old.Reader@example.com");
  EXPECT_TRUE(m.bounced[0].hard);  // failed without a status
}

TEST(InboxMessageTest, TellsRequestsFromOtherMail) {
  InboxMessage sub =
      ReadInboxMessage("From: A Reader <a@example.com>\r\nSubject:  Subscribe \r\n\r\n");
  EXPECT_EQ(sub.kind, InboxMessage::Kind::kSubscribe);
  EXPECT_EQ(sub.from, "a@example.com");
  InboxMessage unsub =
      ReadInboxMessage("From: a@example.com\nSubject: unsubscribe a@example.com\n\nplease\n");
  EXPECT_EQ(unsub.kind, InboxMessage::Kind::kUnsubscribe);
  InboxMessage other = ReadInboxMessage(
      "From: a@example.com\nSubject: Re: your digest\n\nFinal-Recipient: rfc822; x@y.org\n"
      "Action: failed\n");
  EXPECT_EQ(other.kind, InboxMessage::Kind::kOther);  // a reader quoting a report
  EXPECT_TRUE(other.bounced.empty());
}

}  // namespace
}  // namespace gpalert
