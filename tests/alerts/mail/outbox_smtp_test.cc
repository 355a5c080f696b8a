// The outbox worker against a real SMTP server (aiosmtpd on loopback): what a user's
// mail server does to queued digests, end to end through SqlStore and SmtpMailer.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "alerts/mail/outbox_worker.h"
#include "alerts/mail/smtp_mailer.h"
#include "store/sql_store.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/support/smtp_test_server.h"

namespace gpalert {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

const Instant kT0 = *ParseRfc3339Utc("2026-03-01T06:00:00Z");

class OutboxSmtpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<SqlStore>> s = SqlStore::Open(dir_.File("state.db"));
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    ASSERT_TRUE(store_->EnsureSubscriber("reader@example.org", kT0).ok());
    OutboxMessage m;
    m.subscriber = "reader@example.org";
    m.message_id = "<d1@gpalert.test>";
    m.bytes =
        "From: alerts@example.org\r\nTo: reader@example.org\r\nSubject: GP Alert\r\n\r\n"
        "Hello\r\n.dotted line\r\nBye\r\n";
    Result<std::int64_t> id = store_->CommitDigest("reader@example.org", {}, m, kT0);
    ASSERT_TRUE(id.ok());
    id_ = *id;
    bytes_ = m.bytes;
  }
  OutboxRunCounts Drain(const std::string& url, Instant now) {
    SmtpMailerOptions o;
    o.url = url;
    o.envelope_from = "alerts@example.org";
    o.starttls = StartTls::kOff;
    o.connect_timeout = seconds(5);
    o.timeout = seconds(20);
    SmtpMailer mailer(o);
    OutboxWorker worker(store_.get(), &mailer, &Logger::Null());
    Result<OutboxRunCounts> r = worker.DrainOnce(now);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : OutboxRunCounts{};
  }
  OutboxMessage Row() { return store_->ListOutbox(std::nullopt)->front(); }

  testing::ScopedTempDir dir_;
  std::unique_ptr<SqlStore> store_;
  std::int64_t id_ = 0;
  std::string bytes_;
};

TEST_F(OutboxSmtpTest, RetriesA451AndDeliversTheDigestExactlyOnce) {
  testing::SmtpTestServer server(dir_.path(), {"--fail-first", "1", "--fail-code", "451"});
  ASSERT_TRUE(server.running());
  EXPECT_EQ(Drain(server.url(), kT0).retried, 1);
  EXPECT_EQ(Row().state, OutboxState::kPending);
  ASSERT_TRUE(Row().last_error.has_value());
  EXPECT_NE(Row().last_error->find("451"), std::string::npos);
  EXPECT_TRUE(server.Messages().empty());
  EXPECT_EQ(Drain(server.url(), kT0 + seconds(30)).sent, 0) << "backoff holds it";
  EXPECT_EQ(Drain(server.url(), kT0 + minutes(1)).sent, 1);
  EXPECT_EQ(Drain(server.url(), kT0 + minutes(10)).sent, 0);
  ASSERT_EQ(server.Messages().size(), 1u);
  EXPECT_EQ(server.Messages()[0], bytes_);
  EXPECT_EQ(server.Transactions().size(), 2u);
  EXPECT_EQ(Row().state, OutboxState::kSent);
}

TEST_F(OutboxSmtpTest, ParksA550WithTheServersReply) {
  testing::SmtpTestServer server(dir_.path(), {"--fail-always", "--fail-code", "550"});
  ASSERT_TRUE(server.running());
  EXPECT_EQ(Drain(server.url(), kT0).parked, 1);
  EXPECT_EQ(Row().state, OutboxState::kParked);
  ASSERT_TRUE(Row().last_error.has_value());
  EXPECT_NE(Row().last_error->find("550 5.7.1 Message rejected"), std::string::npos)
      << *Row().last_error;
  EXPECT_EQ(Drain(server.url(), kT0 + minutes(90)).parked, 0);
  EXPECT_EQ(server.Transactions().size(), 1u);
}

TEST_F(OutboxSmtpTest, KeepsTheDigestPendingWhileTheServerIsDownAndSendsItLater) {
  int port = testing::UnusedLoopbackPort();
  ASSERT_GT(port, 0);
  OutboxRunCounts down = Drain("smtp://127.0.0.1:" + std::to_string(port), kT0);
  EXPECT_EQ(down.retried, 1);
  EXPECT_EQ(Row().state, OutboxState::kPending);
  testing::SmtpTestServer server(dir_.path());
  ASSERT_TRUE(server.running());
  EXPECT_EQ(Drain(server.url(), kT0 + minutes(1)).sent, 1);
  ASSERT_EQ(server.Messages().size(), 1u);
  EXPECT_EQ(server.Messages()[0], bytes_);
}

}  // namespace
}  // namespace gpalert
