#include "daemon/inbox_pass.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>

#include <fmt/format.h>

#include "alerts/mail/verp_address.h"
#include "store/sql_store.h"
#include "tests/support/scoped_temp_dir.h"

namespace gpalert {
namespace {

namespace fs = std::filesystem;

const Instant kNow = Instant(std::chrono::seconds(1'800'000'000));
constexpr std::size_t kAll = std::numeric_limits<std::size_t>::max();

// A DSN sent back to `to`, naming `final_recipient` (none when empty) with `status`.
std::string Dsn(const std::string& to, const std::string& final_recipient,
                const std::string& status) {
  std::string report = final_recipient.empty() ? ""
                                               : "Final-Recipient: rfc822; " + final_recipient +
                                                     "\nAction: failed\nStatus: " + status + "\n";
  return "Return-Path: <>\nDelivered-To: " + to +
         "\nFrom: Mail Delivery System <MAILER-DAEMON@mx.example.net>\nTo: " + to +
         "\nSubject: Undelivered Mail Returned to Sender\n"
         "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
         "--B\nContent-Type: text/plain\n\nI'm sorry.\n"
         "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n" +
         report + "--B--\n";
}

class InboxPassTest : public ::testing::Test {
 protected:
  InboxPassTest() {
    store = std::move(SqlStore::Open(dir.File("gpalert.db")).value());
    maildir = dir.File("inbox");
    for (const char* sub : {"new", "cur", "tmp"}) fs::create_directories(maildir + "/" + sub);
    config.mail.from = "GP Alerts <alerts@example.org>";
    config.mail.bounce_address = "bounces@example.org";
    config.mail.unsubscribe_secret = "0123456789abcdef";
    SubscriberState s;
    s.email = "reader@example.com";
    s.origin = SubscriberOrigin::kAdmin;
    s.status = SubscriberStatus::kActive;
    EXPECT_TRUE(store->AddSubscriber(s, kNow - std::chrono::hours(48)).value());
    reader.emplace(maildir, store.get(), &Logger::Null(),
                   [this](const std::string& line, bool) { lines.push_back(line); });
  }

  void Drop(const std::string& name, const std::string& bytes) {
    std::ofstream(maildir + "/new/" + name, std::ios::binary) << bytes;
  }

  InboxPassCounts Pass(std::size_t max = kAll) {
    auto counts = reader->Pass(config, kNow, max);
    EXPECT_TRUE(counts.ok()) << counts.status().ToString();
    return counts.ok() ? *counts : InboxPassCounts{};
  }

  SubscriberStatus ReaderStatus() {
    return store->GetSubscriber("reader@example.com").value()->status;
  }

  std::string Verp(const std::string& email, std::int64_t id) {
    return VerpAddress(*config.mail.bounce_address, config.mail.unsubscribe_secret, email, id);
  }

  testing::ScopedTempDir dir;
  std::unique_ptr<SqlStore> store;
  std::string maildir;
  Config config;
  std::vector<std::string> lines;
  std::optional<InboxReader> reader;
};

TEST_F(InboxPassTest, MatchesAForwardedAddressesBouncesByTheirVerpAddress) {
  // The reader's mail was forwarded: the report names the forward target, not them.
  Drop("1.a", Dsn(Verp("reader@example.com", 3), "reader@newjob.example.net", "5.1.1"));
  Drop("2.b", Dsn(Verp("reader@example.com", 4), "reader@newjob.example.net", "5.1.1"));
  InboxPassCounts counts = Pass();
  EXPECT_EQ(counts.processed, 2);
  EXPECT_EQ(counts.left, 0);
  EXPECT_EQ(ReaderStatus(), SubscriberStatus::kBouncing);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[1].find("hard bounce of reader@example.com (5.1.1; by its VERP address, "
                          "outbox message 4; the report names reader@newjob.example.net; 2 hard"),
            std::string::npos)
      << lines[1];
  EXPECT_NE(lines[1].find("now bouncing"), std::string::npos);
  EXPECT_TRUE(fs::exists(maildir + "/cur/1.a:2,S"));
  EXPECT_TRUE(fs::exists(maildir + "/cur/2.b:2,S"));
  EXPECT_TRUE(fs::is_empty(maildir + "/new"));
}

TEST_F(InboxPassTest, ReadsANonStandardBounceWithoutARecipientByItsVerpAddress) {
  std::string plain = "Delivered-To: " + Verp("reader@example.com", 9) +
                      "\nFrom: MAILER-DAEMON@mx.example.net\nSubject: failure notice\n\n"
                      "Hi. This is the qmail-send program. Sorry, no mailbox here by that name.\n"
                      "Remote host said: 550 5.1.1 mailbox unavailable (192.0.2.10)\n";
  Drop("1.a", plain);
  Drop("2.b", plain);
  Pass();
  EXPECT_EQ(ReaderStatus(), SubscriberStatus::kBouncing);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[0].find("hard bounce of reader@example.com (5.1.1"), std::string::npos)
      << lines[0];
}

TEST_F(InboxPassTest, AVacationReplyToTheVerpAddressIsNoBounce) {
  Drop("1.a", "To: " + Verp("reader@example.com", 9) +
                  "\nFrom: reader@example.com\nSubject: Out of office\n\nBack on Monday.\n");
  EXPECT_EQ(Pass().processed, 1);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("no failure report"), std::string::npos) << lines[0];
  EXPECT_EQ(ReaderStatus(), SubscriberStatus::kActive);
}

TEST_F(InboxPassTest, IgnoresAndReportsForgedAndUnsignedTokens) {
  std::string forged = Verp("someone@example.com", 3);
  forged.replace(forged.find("someone=example.com"), 19, "reader=example.com");
  for (int i = 0; i < 2; ++i) {
    Drop("f" + std::to_string(i), Dsn(forged, "reader@example.com", "5.1.1"));
    Drop("u" + std::to_string(i),
         Dsn("bounces+reader=example.com@example.org", "reader@example.com", "5.1.1"));
  }
  EXPECT_EQ(Pass().processed, 4);
  EXPECT_EQ(ReaderStatus(), SubscriberStatus::kActive);
  ASSERT_EQ(lines.size(), 4u);
  for (const std::string& line : lines)
    EXPECT_NE(line.find("is not one gpalert signed"), std::string::npos) << line;
}

TEST_F(InboxPassTest, TheRowOnlyTokenFindsItsSubscriberThroughTheOutbox) {
  OutboxMessage m;
  m.subscriber = "reader@example.com";
  m.message_id = "<c1@example.org>";
  m.bytes = "Subject: x\r\n\r\nx\r\n";
  auto id = store->QueueConfirmation("reader@example.com", m, kNow);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  // What an address too long for the full form gets: the row's id alone.
  std::string row_only = Verp(std::string(80, 'x') + "@example.com", *id);
  EXPECT_EQ(row_only.rfind(fmt::format("bounces+{}-", *id), 0), 0u) << row_only;
  EXPECT_EQ(row_only.find("xxx"), std::string::npos) << row_only;
  ASSERT_EQ(ReadVerpAddress(row_only, "bounces@example.org", config.mail.unsubscribe_secret).kind,
            VerpMatch::Kind::kValid);
  Drop("1.a", Dsn(row_only, "", ""));
  Drop("2.b", Dsn(row_only, "elsewhere@example.net", "5.2.1"));
  Drop("3.c", Dsn(row_only, "elsewhere@example.net", "5.2.1"));
  Pass();
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_NE(lines[0].find("soft bounce of reader@example.com (no status"), std::string::npos)
      << lines[0];
  EXPECT_EQ(ReaderStatus(), SubscriberStatus::kBouncing);
}

TEST_F(InboxPassTest, TakesAtMostABatchAPassAndTheRestNext) {
  for (const char* name : {"1.a", "2.b", "3.c"})
    Drop(name, "From: x@example.net\nSubject: unsubscribe\n\n");
  InboxPassCounts first = Pass(2);
  EXPECT_EQ(first.processed, 2);
  EXPECT_EQ(first.waiting, 1);
  EXPECT_TRUE(fs::exists(maildir + "/new/3.c"));
  InboxPassCounts second = Pass(2);
  EXPECT_EQ(second.processed, 1);
  EXPECT_EQ(second.waiting, 0);
  EXPECT_TRUE(fs::exists(maildir + "/cur/3.c:2,S"));
}

TEST_F(InboxPassTest, AnElapsedBudgetLeavesTheRestForTheNextPass) {
  for (const char* name : {"1.a", "2.b", "3.c"})
    Drop(name, "From: x@example.net\nSubject: unsubscribe\n\n");
  // A budget of zero: one message (a pass always makes progress), the rest wait.
  auto first = reader->Pass(config, kNow, kAll, std::chrono::milliseconds(0));
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->processed, 1);
  EXPECT_EQ(first->waiting, 2);
  EXPECT_TRUE(fs::exists(maildir + "/new/2.b"));
}

TEST_F(InboxPassTest, LeavesAndSkipsAMessageItCannotRead) {
  std::ofstream(maildir + "/new/big", std::ios::binary) << std::string((10u << 20) + 1, 'x');
  InboxPassCounts first = Pass();
  EXPECT_EQ(first.left, 1);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("big: left in new/: larger than 10 MB"), std::string::npos);
  InboxPassCounts second = Pass();
  EXPECT_EQ(second.left + second.processed, 0) << "reported once, not every pass";
  EXPECT_TRUE(fs::exists(maildir + "/new/big"));
}

TEST_F(InboxPassTest, SaysWhatIsWrongWithAFolderThatIsNoMaildir) {
  Status s = InboxReader::CheckMaildir(dir.File("nowhere"));
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("nowhere is not a Maildir (it needs new/ and cur/)"),
            std::string::npos)
      << s.message();
  EXPECT_TRUE(InboxReader::CheckMaildir(maildir).ok());
}

}  // namespace
}  // namespace gpalert
