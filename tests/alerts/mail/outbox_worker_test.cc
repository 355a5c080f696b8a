#include "alerts/mail/outbox_worker.h"

#include <gtest/gtest.h>

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "store/sql_store.h"
#include "tests/support/scoped_temp_dir.h"

namespace gpalert {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

const Instant kT0 = *ParseRfc3339Utc("2026-03-01T06:00:00Z");

// Answers each Send with the next scripted outcome (Sent once the script is used up) and
// records who was sent what.
class ScriptedMailer : public Mailer {
 public:
  std::deque<SendOutcome> script;
  std::vector<std::string> sent_ids;

  SendOutcome DoSend(const OutboxMessage& msg, const std::atomic<bool>* /*cancel*/) override {
    sent_ids.push_back(msg.message_id);
    if (script.empty()) return SendOutcome::Sent(250, "250 OK");
    SendOutcome o = script.front();
    script.pop_front();
    return o;
  }
};

class OutboxWorkerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<SqlStore>> s = SqlStore::Open(dir_.File("state.db"));
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }
  std::int64_t Queue(const std::string& to, const std::string& id, Instant at = kT0) {
    EXPECT_TRUE(store_->EnsureSubscriber(to, at).ok());
    OutboxMessage m;
    m.subscriber = to;
    m.message_id = id;
    m.bytes = "Subject: x\r\n\r\nbody\r\n";
    Result<std::int64_t> r = store_->CommitDigest(to, {}, m, at);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : 0;
  }
  OutboxMessage Row(std::int64_t id) {
    Result<std::vector<OutboxMessage>> all = store_->ListOutbox(std::nullopt);
    EXPECT_TRUE(all.ok());
    if (!all.ok()) return {};
    for (const OutboxMessage& m : *all) {
      if (m.id == id) return m;
    }
    ADD_FAILURE() << "no outbox row " << id;
    return {};
  }
  OutboxRunCounts Drain(Instant now) {
    OutboxWorker worker(store_.get(), &mailer_, &Logger::Null());
    Result<OutboxRunCounts> r = worker.DrainOnce(now);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : OutboxRunCounts{};
  }

  testing::ScopedTempDir dir_;
  std::unique_ptr<SqlStore> store_;
  ScriptedMailer mailer_;
};

TEST_F(OutboxWorkerTest, MarksDeliveredMessagesSentAndSendsEachOnce) {
  std::int64_t a = Queue("a@example.org", "<a@x>");
  std::int64_t b = Queue("b@example.org", "<b@x>");
  OutboxRunCounts c = Drain(kT0);
  EXPECT_EQ(c.sent, 2);
  EXPECT_EQ(mailer_.sent_ids, (std::vector<std::string>{"<a@x>", "<b@x>"}));
  EXPECT_EQ(Row(a).state, OutboxState::kSent);
  EXPECT_EQ(Row(b).sent, kT0);
  EXPECT_EQ(Drain(kT0 + hours(1)).sent, 0);
  EXPECT_EQ(mailer_.sent_ids.size(), 2u);
}

TEST(OutboxWorkerBackoffTest, DoublesTheDelayUpToTheCap) {
  ScriptedMailer mailer;
  OutboxWorker worker(nullptr, &mailer, &Logger::Null());
  const std::vector<std::pair<int, long>> cases = {{1, 60},   {2, 120},  {3, 240},
                                                   {4, 480},  {5, 960},  {6, 1920},
                                                   {7, 3600}, {8, 3600}, {500, 3600}};
  for (const auto& [attempts, delay] : cases) {
    EXPECT_EQ(worker.RetryDelay(attempts).count(), delay) << "after " << attempts << " attempts";
  }
}

TEST_F(OutboxWorkerTest, RetriesTransientFailuresWithBackoffUntilTheyGoThrough) {
  std::int64_t id = Queue("a@example.org", "<a@x>");
  for (int i = 0; i < 3; ++i) {
    mailer_.script.push_back(SendOutcome::RetryLater(451, "451 4.3.0 try again later"));
  }
  Instant now = kT0;
  EXPECT_EQ(Drain(now).retried, 1);
  OutboxMessage row = Row(id);
  EXPECT_EQ(row.state, OutboxState::kPending);
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(row.next_try, now + seconds(60));
  EXPECT_EQ(row.last_error, "451 4.3.0 try again later");

  EXPECT_EQ(Drain(now + seconds(59)).retried, 0) << "not due yet";
  now += seconds(60);
  EXPECT_EQ(Drain(now).retried, 1);
  EXPECT_EQ(Row(id).next_try, now + seconds(120));
  now += seconds(120);
  EXPECT_EQ(Drain(now).retried, 1);
  EXPECT_EQ(Row(id).next_try, now + seconds(240));
  now += seconds(240);
  EXPECT_EQ(Drain(now).sent, 1);
  EXPECT_EQ(Row(id).state, OutboxState::kSent);
  EXPECT_EQ(Row(id).attempts, 4);
  EXPECT_EQ(mailer_.sent_ids.size(), 4u);
}

TEST_F(OutboxWorkerTest, ParksAPermanentFailureWithTheServersReply) {
  std::int64_t bad = Queue("gone@example.org", "<gone@x>");
  std::int64_t good = Queue("a@example.org", "<a@x>");
  mailer_.script.push_back(SendOutcome::Permanent(550, "550 5.1.1 no such user"));
  OutboxRunCounts c = Drain(kT0);
  EXPECT_EQ(c.parked, 1);
  EXPECT_EQ(c.sent, 1);
  EXPECT_EQ(Row(bad).state, OutboxState::kParked);
  EXPECT_EQ(Row(bad).last_error, "550 5.1.1 no such user");
  EXPECT_EQ(Row(good).state, OutboxState::kSent);
  EXPECT_EQ(Drain(kT0 + hours(48)).parked, 0) << "parked rows are not retried";
}

TEST_F(OutboxWorkerTest, ParksAMessageThatKeepsFailingPastGiveUpAfter) {
  std::int64_t id = Queue("a@example.org", "<a@x>");
  mailer_.script.push_back(SendOutcome::RetryLater(452, "452 busy"));
  mailer_.script.push_back(SendOutcome::RetryLater(452, "452 still busy"));
  EXPECT_EQ(Drain(kT0 + hours(71)).retried, 1);
  OutboxRunCounts c = Drain(kT0 + hours(72));
  EXPECT_EQ(c.parked, 1);
  OutboxMessage row = Row(id);
  EXPECT_EQ(row.state, OutboxState::kParked);
  ASSERT_TRUE(row.last_error.has_value());
  EXPECT_NE(row.last_error->find("gave up after 2 attempts"), std::string::npos) << *row.last_error;
  EXPECT_NE(row.last_error->find("452 still busy"), std::string::npos) << *row.last_error;
}

TEST_F(OutboxWorkerTest, LeavesTheRestPendingWhenTheServerIsUnreachable) {
  std::int64_t a = Queue("a@example.org", "<a@x>");
  std::int64_t b = Queue("b@example.org", "<b@x>");
  std::int64_t c = Queue("c@example.org", "<c@x>");
  mailer_.script.push_back(SendOutcome::RetryLater(0, "Couldn't connect to server"));
  OutboxRunCounts counts = Drain(kT0);
  EXPECT_EQ(counts.retried, 1);
  EXPECT_EQ(counts.deferred, 2);
  EXPECT_EQ(mailer_.sent_ids.size(), 1u) << "no point trying the others this run";
  EXPECT_EQ(Row(a).attempts, 1);
  EXPECT_EQ(Row(b).attempts, 0);
  EXPECT_EQ(Row(c).state, OutboxState::kPending);
  // Next run (server back): everything goes, nothing lost.
  OutboxRunCounts later = Drain(kT0 + minutes(1));
  EXPECT_EQ(later.sent, 3);
  EXPECT_TRUE(store_->ListOutbox(OutboxState::kPending)->empty());
}

TEST_F(OutboxWorkerTest, TreatsA421AsTheServerClosingForThisRun) {
  Queue("a@example.org", "<a@x>");
  Queue("b@example.org", "<b@x>");
  mailer_.script.push_back(SendOutcome::RetryLater(421, "421 4.3.2 Service not available"));
  OutboxRunCounts counts = Drain(kT0);
  EXPECT_EQ(counts.retried, 1);
  EXPECT_EQ(counts.deferred, 1);
  EXPECT_EQ(mailer_.sent_ids.size(), 1u);
}

TEST_F(OutboxWorkerTest, ParksMessagesToAddressesThatUnsubscribedMeanwhile) {
  std::int64_t id = Queue("a@example.org", "<a@x>");
  ASSERT_TRUE(store_->AddSuppression("A@example.org", "one-click", kT0).ok());
  OutboxRunCounts c = Drain(kT0);
  EXPECT_EQ(c.parked, 1);
  EXPECT_TRUE(mailer_.sent_ids.empty());
  EXPECT_NE(Row(id).last_error->find("unsubscribed"), std::string::npos);
}

TEST_F(OutboxWorkerTest, DrainAllPendingTriesRowsStillInBackoffExactlyOnce) {
  std::int64_t waiting = Queue("a@example.org", "<a@x>");
  std::int64_t fresh = Queue("b@example.org", "<b@x>");
  ASSERT_TRUE(store_->MarkRetry(waiting, kT0 + hours(1), "451 later").ok());
  ASSERT_TRUE(store_->MarkParked(Queue("c@example.org", "<c@x>"), "550 no").ok());
  mailer_.script.push_back(SendOutcome::RetryLater(451, "451 still later"));
  OutboxWorker worker(store_.get(), &mailer_, &Logger::Null());
  Result<OutboxRunCounts> c = worker.DrainAllPending(kT0 + minutes(1));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->retried, 1);
  EXPECT_EQ(c->sent, 1);
  EXPECT_EQ(mailer_.sent_ids, (std::vector<std::string>{"<a@x>", "<b@x>"}))
      << "parked rows stay parked";
  EXPECT_EQ(Row(waiting).attempts, 2);
  EXPECT_EQ(Row(waiting).next_try, kT0 + minutes(1) + seconds(120));
  EXPECT_EQ(Row(fresh).sent, kT0 + minutes(1));
}

TEST_F(OutboxWorkerTest, DrainsMoreRowsThanOneBatch) {
  for (int i = 0; i < 7; ++i)
    Queue("s" + std::to_string(i) + "@example.org", "<" + std::to_string(i) + "@x>");
  OutboxWorkerOptions o;
  o.batch = 3;
  OutboxWorker worker(store_.get(), &mailer_, &Logger::Null(), o);
  Result<OutboxRunCounts> c = worker.DrainOnce(kT0);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->sent, 7);
}

TEST_F(OutboxWorkerTest, StopsBetweenMessagesWhenAskedTo) {
  Queue("a@example.org", "<a@x>");
  std::atomic<bool> stop{true};
  OutboxWorker worker(store_.get(), &mailer_, &Logger::Null());
  Result<OutboxRunCounts> c = worker.DrainOnce(kT0, &stop);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->sent, 0);
  EXPECT_EQ(store_->ListOutbox(OutboxState::kPending)->size(), 1u);
}

// A send cut short by shutdown leaves its row as it was (due, no attempt counted, no
// error recorded) and ends the batch: the next start sends it and the rest.
TEST_F(OutboxWorkerTest, ACancelledSendStaysDueWithNoAttemptAndEndsTheBatch) {
  std::int64_t a = Queue("a@example.org", "<a@x>");
  std::int64_t b = Queue("b@example.org", "<b@x>");
  mailer_.script = {SendOutcome::Cancelled("stopped by shutdown")};
  OutboxRunCounts c = Drain(kT0);
  EXPECT_EQ(c.sent + c.retried + c.parked, 0);
  EXPECT_EQ(mailer_.sent_ids, (std::vector<std::string>{"<a@x>"}));
  for (std::int64_t id : {a, b}) {
    OutboxMessage m = Row(id);
    EXPECT_EQ(m.state, OutboxState::kPending);
    EXPECT_EQ(m.attempts, 0);
    EXPECT_FALSE(m.last_error.has_value());
  }
  EXPECT_EQ(Drain(kT0).sent, 2);
}

}  // namespace
}  // namespace gpalert
