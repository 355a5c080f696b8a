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

TEST(InboxMessageTest, ListsWhereItWasDeliveredAndWhetherItReadsAsAReport) {
  InboxMessage m = ReadInboxMessage(
      "Return-Path: <>\nDelivered-To: bounces+1-a=b.org-0123456789abcdef@example.org\n"
      "X-Original-To: Bounces+1-A=B.org-0123456789abcdef@example.org\n"
      "From: MAILER-DAEMON@mx.example.net\nTo: \"List\" <bounces@example.org>, x@y.org\n"
      "Subject: failure notice\n\n"
      "Connected to 192.0.2.10 but the server said: 550 5.7.1 <a@b.org>: relay denied\n");
  EXPECT_EQ(m.kind, InboxMessage::Kind::kOther);  // no Final-Recipient to match by
  EXPECT_TRUE(m.report_like);
  EXPECT_EQ(m.body_status, "5.7.1");
  ASSERT_EQ(m.delivered_to.size(), 4u);
  EXPECT_EQ(m.delivered_to[0], "bounces+1-a=b.org-0123456789abcdef@example.org");
  EXPECT_EQ(m.delivered_to[1], "Bounces+1-A=B.org-0123456789abcdef@example.org");
  EXPECT_EQ(m.delivered_to[2], "bounces@example.org");
  EXPECT_EQ(m.delivered_to[3], "x@y.org");
}

TEST(InboxMessageTest, FindsAStatusCodeButNotAnAddressOrAVersion) {
  EXPECT_EQ(ReadInboxMessage("Subject: x\n\nfrom 10.4.5.6 and 5.1.2.3, v4.2.2b\n").body_status, "");
  EXPECT_EQ(ReadInboxMessage("Subject: x\n\n(4.2.2 mailbox full)\n").body_status, "4.2.2");
  InboxMessage vacation = ReadInboxMessage("From: a@b.org\nSubject: Out of office\n\nBack.\n");
  EXPECT_FALSE(vacation.report_like);
}

}  // namespace
}  // namespace gpalert
